import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import { stripTypeScriptTypes } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { SERVER_BUNDLE, SERVER_ENV, SERVER_NODE_FLAGS } from '../../apps/server/src/node-flags.ts'
import { buildServer } from '../../scripts/lib/server-build.ts'
import { join, signUp } from '../support/api-client.ts'
import { type ServerProcess, type ServerRuntime, spawnServer } from '../support/server-process.ts'
import type { Framing } from './clients.ts'

/** A server under test, started fresh for each measurement. */
export interface Target {
  kind: 'confer' | 'reference'
  framing: Framing
  pid: number
  /** Where the load generator connects. */
  wsUrl: string
  /**
   * Several processes of one deployment (S8): each one's pid (the server's CPU and memory are
   * their sums) and where client i of each room connects, `wsUrls[i % wsUrls.length]`.
   */
  pids?: number[]
  wsUrls?: string[]
  token?: string
  /** Rooms ready to use: meeting documents (Confer) or room names (reference). */
  rooms: string[]
  metrics(reset?: boolean): Promise<ServerMetricsSample>
  stop(): Promise<void>
  /** Confer only: the process, for kill -9 and restart. */
  process?: ServerProcess
  dataDir?: string
  /** Confer only: signs a new person up into the rooms' community with `role`; their bearer token. */
  invite?(role: 'member' | 'observer'): Promise<string>
}

/** The reference server as plain JavaScript (git-ignored), written by `prepareTargets`. */
const REFERENCE_JS = path.join(import.meta.dirname, '.build', 'baseline-server.mjs')

/**
 * Both servers run as plain JavaScript, the way each is deployed: Confer as the bundle
 * `pnpm start` runs (built fresh from the current sources), the reference with its types
 * stripped ahead of time. Neither pays for Node's type stripper at run time.
 */
export async function prepareTargets(): Promise<void> {
  if (!(await buildServer())) throw new Error('the server bundle did not build')
  const source = fs.readFileSync(path.join(import.meta.dirname, 'baseline-server.ts'), 'utf8')
  fs.mkdirSync(path.dirname(REFERENCE_JS), { recursive: true })
  fs.writeFileSync(REFERENCE_JS, stripTypeScriptTypes(source))
}

async function json<T>(url: string): Promise<T> {
  return (await fetch(url)).json() as Promise<T>
}

export interface ServerMetricsSample {
  eventLoopDelayMs: { max: number; p99: number }
  rssBytes: number
  /**
   * Confer only: the update log's commit-time histogram as it stands (cumulative counts per upper
   * bound in seconds, since the process started); two samples give a window's commits.
   */
  commitBuckets?: CommitBucket[]
}

export interface CommitBucket {
  le: number
  count: number
}

/**
 * Confer's /api/metrics, in Prometheus' text format: each scrape reads the event-loop delay and
 * starts it afresh (prom-client), so every read is a reset. A build from before it (`--against`)
 * answers JSON and resets on `?reset=1`.
 */
async function conferMetrics(url: string): ReturnType<Target['metrics']> {
  const res = await fetch(url)
  if (res.headers.get('content-type')?.startsWith('application/json')) return res.json()
  const text = await res.text()
  const gauge = (name: string) => {
    const value = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]
    if (value === undefined) throw new Error(`${url} has no ${name}`)
    return Number(value)
  }
  return {
    eventLoopDelayMs: {
      max: gauge('nodejs_eventloop_lag_max_seconds') * 1000,
      p99: gauge('nodejs_eventloop_lag_p99_seconds') * 1000,
    },
    rssBytes: gauge('process_resident_memory_bytes'),
    commitBuckets: [
      ...text.matchAll(/^confer_update_log_commit_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm),
    ].map(([, le, count]) => ({
      le: le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le),
      count: Number(count),
    })),
  }
}

/** A build of Confer: its bundle, and the Node flags and environment it starts with. */
export interface ConferBuild extends ServerRuntime {
  bundle: string
}

/** This checkout's build, the one `prepareTargets` makes. */
export const THIS_BUILD: ConferBuild = {
  bundle: SERVER_BUNDLE,
  // `BENCH_CPU_PROF=<dir>`: every Confer process writes a V8 CPU profile there when it stops
  // (NODE_OPTIONS refuses --cpu-prof).
  nodeFlags: process.env.BENCH_CPU_PROF
    ? [...SERVER_NODE_FLAGS, '--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : SERVER_NODE_FLAGS,
  env: SERVER_ENV,
}

/**
 * Another checkout's build (`bench --against <dir>`, e.g. a `git worktree` of an earlier
 * commit, with its dependencies installed), bundled by that checkout's own build script and run
 * with its own flags: two versions of Confer measured in one run, interleaved and paired.
 */
export async function prepareConferBuild(checkout: string): Promise<ConferBuild> {
  const root = path.resolve(checkout)
  const flags = (await import(
    path.join(root, 'apps/server/src/node-flags.ts')
  )) as typeof import('../../apps/server/src/node-flags.ts')
  const builder = (await import(
    path.join(root, 'scripts/lib/server-build.ts')
  )) as typeof import('../../scripts/lib/server-build.ts')
  if (!(await builder.buildServer())) throw new Error(`the server bundle of ${root} did not build`)
  return { bundle: flags.SERVER_BUNDLE, nodeFlags: flags.SERVER_NODE_FLAGS, env: flags.SERVER_ENV }
}

/**
 * Confer with auth and the durable store on, and `rooms` meetings of one community. `env` adds
 * to the environment (S8: DATABASE_URL, REDIS_URL, REDIS_PREFIX).
 */
export async function startConfer(
  rooms: number,
  dataDir?: string,
  build: ConferBuild = THIS_BUILD,
  env: Record<string, string> = {},
): Promise<Target> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'confer-bench-'))
  const server = await spawnServer(
    {
      DATA_DIR: dir,
      METRICS_ENABLED: 'true',
      MAX_MESSAGE_BYTES: String(64 * 1024 * 1024),
      // Every load client signs in with one account (up to S1's 1,000 sockets), past the default
      // 32 sockets per account (SPEC H4). The other limits hold: 1,000 sockets stay under 1,024
      // per address, and no client sends 200 messages a second or leaves 16 MiB unread.
      MAX_CONNECTIONS_PER_USER: '100000',
      ...env,
    },
    build.bundle,
    build,
  )
  const person = await signUp(server.url, 'Bench facilitator')
  const community = await person.api.post<{ community: { id: string } }>('/api/communities', {
    name: 'Bench',
  })
  const ids: string[] = []
  for (let start = 0; start < rooms; start += 26) {
    const count = Math.min(26, rooms - start)
    const startsAt = Array.from({ length: count }, (_, i) =>
      new Date(Date.UTC(2030, 0, 1) + (start + i) * 86_400_000).toISOString(),
    )
    const res = await person.api.post<{ meetings: { id: string }[] }>(
      `/api/communities/${community.body.community.id}/meetings/series`,
      { title: 'Bench', durationMinutes: 60, startsAt },
    )
    ids.push(...res.body.meetings.map((m) => `meeting/${m.id}`))
  }
  return {
    kind: 'confer',
    framing: 'hocuspocus',
    pid: server.child.pid ?? 0,
    wsUrl: server.wsUrl,
    token: person.token,
    rooms: ids,
    process: server,
    invite: async (role) => {
      const guest = await signUp(server.url, `Bench ${role}`)
      await join(person, community.body.community.id, guest, role)
      return guest.token
    },
    dataDir: dir,
    metrics: (reset) => conferMetrics(`${server.url}/api/metrics${reset ? '?reset=1' : ''}`),
    stop: async () => {
      server.child.kill('SIGTERM')
      await server.exited
    },
  }
}

/** The reference y-websocket server, in its own process. */
export async function startReference(rooms: number): Promise<Target> {
  const child: ChildProcess = spawn(process.execPath, [REFERENCE_JS], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream })
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url))
    child.once('exit', () => reject(new Error('reference server exited')))
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  return {
    kind: 'reference',
    framing: 'y-websocket',
    pid: child.pid ?? 0,
    wsUrl: url.replace(/^http/, 'ws'),
    rooms: Array.from({ length: rooms }, (_, i) => `room-${i}`),
    metrics: (reset) => json(`${url}/metrics${reset ? '?reset=1' : ''}`),
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}

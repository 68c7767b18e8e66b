/**
 * S8: Confer scaled out, two processes A and B on one PostgreSQL database and one Redis
 * (DESIGN §2 "Scale-out", SPEC R1), next to the embedded single SQLite process.
 * - S8a: S3's load on both deployments; each room's clients alternate between A and B, so every
 *   edit reaches receivers on its own process and on the other one.
 * - S8b: Redis' cost per edit for documents of 50 KB, 500 KB and 5 MB: it must not grow with the
 *   document (the update itself is published, SPEC R1).
 */
import { BenchClient } from './clients.ts'
import { addBuckets } from './commit-time.ts'
import { type Measurement, measureRoomLoad, type WindowProbe } from './measure.ts'
import { waitForIdleCpu } from './proc-stats.ts'
import { REDIS_COST_SIZES, redisCostLoad, scaleOutLoad } from './scenarios.ts'
import type { BenchServices, Deployment, RedisCounters } from './services.ts'
import { startConfer, type Target, THIS_BUILD } from './targets.ts'

/** Processes A and B of one deployment as one target; client i of a room connects to wsUrls[i % 2]. */
async function startPair(rooms: number, deployment: Deployment): Promise<Target> {
  const env = {
    DATABASE_URL: deployment.databaseUrl,
    REDIS_URL: deployment.redisUrl,
    REDIS_PREFIX: deployment.redisPrefix,
  }
  // One after the other: A applies the migrations, B finds them applied.
  const a = await startConfer(rooms, undefined, THIS_BUILD, env)
  let b: Target
  try {
    b = await startConfer(0, undefined, THIS_BUILD, env)
  } catch (error) {
    await a.stop()
    throw error
  }
  return {
    ...a,
    pids: [a.pid, b.pid],
    wsUrls: [a.wsUrl, b.wsUrl],
    metrics: async (reset) => {
      const [ma, mb] = await Promise.all([a.metrics(reset), b.metrics(reset)])
      return {
        eventLoopDelayMs: {
          max: Math.max(ma.eventLoopDelayMs.max, mb.eventLoopDelayMs.max),
          p99: Math.max(ma.eventLoopDelayMs.p99, mb.eventLoopDelayMs.p99),
        },
        rssBytes: ma.rssBytes + mb.rssBytes,
        commitBuckets: addBuckets(ma.commitBuckets, mb.commitBuckets),
      }
    },
    stop: async () => {
      await Promise.all([a.stop(), b.stop()])
    },
  }
}

export interface ScaleOutRounds {
  /** S8a per round: S3's load on the single SQLite process, and on A + B. */
  single: Measurement[]
  pair: Measurement[]
  /** S8b per size, per round. */
  redisCost: { bytes: number; runs: RedisCost[] }[]
}

/** Which halves run. */
export interface ScaleOutParts {
  sqliteVsPostgres: boolean
  redisCost: boolean
}

export async function scaleOutRounds(
  services: BenchServices,
  quick: boolean,
  rounds: number,
  parts: ScaleOutParts,
): Promise<ScaleOutRounds> {
  const load = scaleOutLoad(quick)
  const single: Measurement[] = []
  const pair: Measurement[] = []
  const redisCost = parts.redisCost
    ? REDIS_COST_SIZES.map((bytes) => ({ bytes, runs: [] as RedisCost[] }))
    : []
  for (let r = 0; parts.sqliteVsPostgres && r < rounds; r++) {
    // Alternate who goes first, so neither always runs on the warmer machine.
    for (const kind of r % 2 === 0 ? (['single', 'pair'] as const) : (['pair', 'single'] as const)) {
      await waitForIdleCpu()
      console.log(`S8a round ${r + 1}: ${kind === 'single' ? 'one SQLite process' : 'two processes'}`)
      if (kind === 'single') {
        const target = await startConfer(load.rooms)
        try {
          single.push(await measureRoomLoad(target, load))
        } finally {
          await target.stop()
        }
      } else {
        pair.push(await inDeployment(services, load.rooms, (target) => measureRoomLoad(target, load)))
      }
    }
  }
  for (let r = 0; r < rounds; r++) {
    for (const size of redisCost) {
      await waitForIdleCpu()
      console.log(`S8b round ${r + 1}: ${size.bytes / 1000} KB`)
      size.runs.push(await measureRedisCost(services, size.bytes, quick))
    }
  }
  return { single, pair, redisCost }
}

/** Runs `f` on a fresh deployment of A and B, and removes the deployment after. */
async function inDeployment<T>(
  services: BenchServices,
  rooms: number,
  f: (target: Target) => Promise<T>,
): Promise<T> {
  const deployment = await services.deployment()
  try {
    const target = await startPair(rooms, deployment)
    try {
      return await f(target)
    } finally {
      await target.stop()
    }
  } finally {
    await deployment.drop()
  }
}

/** One S8b measurement: Redis' and Confer's cost per edit of one document size. */
export interface RedisCost {
  bytes: number
  /** Edits typed in the window. */
  edits: number
  /** Per edit, net of what Redis spends idle (measured just before, with A and B up). */
  redisCpuUsPerEdit: number
  redisInputBytesPerEdit: number
  redisOutputBytesPerEdit: number
  redisCommandsPerEdit: number
  redisPublishesPerEdit: number
  redisCommandUsPerEdit: number
  /** What Redis spent idle, CPU ms per second, subtracted from the window's numbers. */
  redisIdleCpuMsPerSecond: number
  /** A + B. */
  conferCpuMsPerEdit: number
  measurement: Measurement
}

async function measureRedisCost(services: BenchServices, bytes: number, quick: boolean): Promise<RedisCost> {
  const load = redisCostLoad(quick)
  return inDeployment(services, 1, async (pair) => {
    const [urlA, urlB] = pair.wsUrls ?? []
    if (!urlA || !urlB) throw new Error('S8b needs two processes')
    // Redis' cost with A and B up and nobody typing, over a stretch as long as the window;
    // before the prefill, whose publishes may still be on their way after it is acknowledged.
    const idleFrom = await services.redisCounters()
    await new Promise((resolve) => setTimeout(resolve, quick ? 3_000 : 10_000))
    const idle = rate(idleFrom, await services.redisCounters())
    await prefill(urlA, pair.token ?? '', pair.rooms[0] ?? '', bytes)
    // Typists (the first clients of the room) on A, readers on B.
    const placed: Target = {
      ...pair,
      wsUrls: Array.from({ length: load.clientsPerRoom }, (_, i) => (i < load.typistsPerRoom ? urlA : urlB)),
    }
    let from: RedisCounters | undefined
    let to: RedisCounters | undefined
    const probe: WindowProbe = {
      start: async () => {
        from = await services.redisCounters()
      },
      end: async () => {
        to = await services.redisCounters()
      },
    }
    const measurement = await measureRoomLoad(placed, load, undefined, probe)
    if (!from || !to) throw new Error("Redis' counters were not read around the window")
    const windowMs = to.at - from.at
    const edits = Math.max(measurement.result.sent, 1)
    const net = (f: (c: RedisCounters) => number) =>
      Math.max(f(to as RedisCounters) - f(from as RedisCounters) - f(idle) * windowMs, 0) / edits
    return {
      bytes,
      edits: measurement.result.sent,
      redisCpuUsPerEdit: net((c) => c.cpuMs) * 1000,
      redisInputBytesPerEdit: net((c) => c.inputBytes),
      redisOutputBytesPerEdit: net((c) => c.outputBytes),
      redisCommandsPerEdit: net((c) => c.commands),
      redisPublishesPerEdit: net((c) => c.publishes),
      redisCommandUsPerEdit: net((c) => c.commandUs),
      redisIdleCpuMsPerSecond: idle.cpuMs * 1000,
      conferCpuMsPerEdit: measurement.serverCpuMs / edits,
      measurement,
    }
  })
}

/** Counters per ms between two readings. */
function rate(from: RedisCounters, to: RedisCounters): RedisCounters {
  const ms = Math.max(to.at - from.at, 1)
  return {
    cpuMs: (to.cpuMs - from.cpuMs) / ms,
    inputBytes: (to.inputBytes - from.inputBytes) / ms,
    outputBytes: (to.outputBytes - from.outputBytes) / ms,
    commands: (to.commands - from.commands) / ms,
    publishes: (to.publishes - from.publishes) / ms,
    commandUs: (to.commandUs - from.commandUs) / ms,
    at: 0,
  }
}

/**
 * Writes `bytes` of text into a room through one client on `url`, as paragraphs of ~1 KB at
 * random places (a document of many items, not one long string; 100-character pieces would take
 * the client over a minute to write at 5 MB), in updates of ~48 KB, and waits until the server
 * acknowledged every one.
 */
async function prefill(url: string, token: string, room: string, bytes: number): Promise<void> {
  // One acknowledgement answers the sync handshake, then one per update we send.
  let expected = 1
  let acks = 0
  let typed = false
  let done: () => void = () => {}
  const acknowledged = new Promise<void>((resolve) => {
    done = resolve
  })
  const client = new BenchClient({
    framing: 'hocuspocus',
    url,
    room,
    token,
    onAck: () => {
      acks += 1
      if (typed && acks >= expected) done()
    },
  })
  await client.synced
  // On PostgreSQL the server counts a socket's frames as waiting for authentication (64 KiB at
  // most, PREAUTH_MAX_BYTES) until its `connected` hooks have run, one of which writes
  // attendance (a round trip), although the client is already synced: a burst right after the
  // sync is closed with 4413. Give those hooks time first.
  await new Promise((resolve) => setTimeout(resolve, 2_000))
  client.doc.on('update', (_u: Uint8Array, origin: unknown) => {
    if (origin !== client) expected += 1
  })
  const paragraph = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. '.repeat(
    12,
  )
  const text = client.doc.getText('t')
  const perUpdate = Math.floor(48_000 / paragraph.length)
  for (let written = 0; written < bytes; ) {
    client.doc.transact(() => {
      for (let i = 0; i < perUpdate && written < bytes; i++, written += paragraph.length) {
        text.insert(Math.floor(Math.random() * (text.length + 1)), paragraph)
      }
    })
  }
  typed = true
  if (acks >= expected) done()
  await acknowledged
  client.close()
}

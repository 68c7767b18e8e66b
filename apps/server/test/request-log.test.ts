import { spawn } from 'node:child_process'
import readline from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { until } from '../../../test/support/wait.ts'
import { SERVER_ENV, SERVER_MAIN, SERVER_NODE_FLAGS } from '../src/node-flags.ts'
import { type RunningServer, startServer, tempDataDir } from './test-server.ts'

interface LogLine {
  msg: string
  level: number
  reqId?: string
  req?: { method?: string; url?: string; remoteAddress?: string }
  res?: { statusCode?: number }
  responseTime?: number
  [key: string]: unknown
}

const servers: RunningServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
})

/** A server at the default log level whose lines a test can read and wait for. */
async function startLogged(): Promise<{ s: RunningServer; lines: LogLine[]; written: EventTarget }> {
  const lines: LogLine[] = []
  const written = new EventTarget()
  const logStream = {
    write(line: string) {
      lines.push(JSON.parse(line) as LogLine)
      written.dispatchEvent(new Event('line'))
    },
  }
  const s = await startServer({ env: { LOG_LEVEL: 'info' }, overrides: { logStream } })
  servers.push(s)
  return { s, lines, written }
}

describe('[O6] request logs', () => {
  it('[O6] at the default level each request writes one line: method, path, status, duration, request id', async () => {
    const { s, lines, written } = await startLogged()
    const requests: [string, RequestInit, number][] = [
      ['/api/health', {}, 200],
      ['/api/no-such-thing', {}, 404],
      ['/api/me', {}, 401],
      [
        '/api/auth/login',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":1}' },
        400,
      ],
    ]
    for (const [path, init, status] of requests) {
      const res = await fetch(`${s.url}${path}`, init)
      expect(res.status, path).toBe(status)
      await res.arrayBuffer()
      const id = res.headers.get('x-request-id') ?? ''
      const own = () => lines.filter((line) => line.reqId === id)
      const subscribe = (recheck: () => void) => {
        written.addEventListener('line', recheck)
        return () => written.removeEventListener('line', recheck)
      }
      await until(() => own().length > 0, subscribe, `the log line of ${path}`)
      expect(own(), path).toEqual([
        expect.objectContaining({
          msg: 'request completed',
          req: expect.objectContaining({
            method: init.method ?? 'GET',
            url: path,
            remoteAddress: '127.0.0.1',
          }),
          res: { statusCode: status },
          responseTime: expect.any(Number),
        }),
      ])
    }
    expect(lines.some((line) => line.msg === 'incoming request')).toBe(false)
  })
})

/** The server as `pnpm start` runs it, as its own process; every line it writes to stdout. */
function spawnMain(env: Record<string, string>) {
  const inherited: Record<string, string | undefined> = { ...SERVER_ENV, ...process.env }
  // Only what the test names: an operator's PUBLIC_ORIGIN would change the line.
  delete inherited.PUBLIC_ORIGIN
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_MAIN], {
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', WEB_DIST_DIR: '', DATA_DIR: tempDataDir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const stdout: string[] = []
  const stderr: string[] = []
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  const changed = new EventTarget()
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    stdout.push(line)
    changed.dispatchEvent(new Event('line'))
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  exited.then(() => changed.dispatchEvent(new Event('line')))
  const waitFor = async (check: () => boolean, what: string) => {
    await until(
      () => check() || child.exitCode !== null,
      (recheck) => {
        changed.addEventListener('line', recheck)
        return () => changed.removeEventListener('line', recheck)
      },
      what,
      50_000,
    )
    if (!check()) throw new Error(`the server exited (${child.exitCode}): ${stderr.join('')}`)
  }
  return { child, stdout, exited, waitFor }
}

const RUNNING = /^Confer is running at (\S+)$/

describe('[O6] the start line', () => {
  const children: ReturnType<typeof spawnMain>[] = []
  afterEach(async () => {
    for (const p of children.splice(0)) {
      if (p.child.exitCode === null) p.child.kill('SIGTERM')
      await p.exited
    }
  })

  const start = (env: Record<string, string>) => {
    const p = spawnMain(env)
    children.push(p)
    return p
  }

  it('[O6] prints the address it listens on, on a plain line of its own, beside the JSON logs', {
    timeout: 60_000,
  }, async () => {
    const p = start({ LOG_LEVEL: 'info' })
    await p.waitFor(() => p.stdout.some((line) => RUNNING.test(line)), 'the start line')
    const url = p.stdout.find((line) => RUNNING.test(line))?.match(RUNNING)?.[1] ?? ''
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await fetch(`${url}/api/health`)).status).toBe(200)
    // The JSON log lines are still JSON, and name the same address.
    const json = p.stdout.filter((line) => !RUNNING.test(line)).map((line) => JSON.parse(line))
    expect(json.some((entry) => entry.url === url)).toBe(true)
  })

  it('[O6] names PUBLIC_ORIGIN when it is set, and prints even when logging is silent', {
    timeout: 60_000,
  }, async () => {
    const p = start({ LOG_LEVEL: 'silent', PUBLIC_ORIGIN: 'https://confer.school.test' })
    await p.waitFor(() => p.stdout.length > 0, 'the start line')
    expect(p.stdout).toEqual(['Confer is running at https://confer.school.test'])
  })
})

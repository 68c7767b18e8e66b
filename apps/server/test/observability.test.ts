import { CloseCode } from '@confer/model'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { meetingFixture } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { typeParagraph } from '../../../test/support/notes.ts'
import { until } from '../../../test/support/wait.ts'
import { ConfigError, loadConfig } from '../src/config.ts'
import type { DocumentStore, LogEntry, StoredDocument } from '../src/stores/document-store.ts'
import { openDatabase } from '../src/stores/sqlite/database.ts'
import { SqliteDocumentStore } from '../src/stores/sqlite/sqlite-document-store.ts'
import { openRawSocket, whenClosed } from './raw-socket.ts'
import { type RunningServer, startServer, tempDataDir } from './test-server.ts'

const clients: TestClient[] = []
const servers: RunningServer[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.close()
})

async function start(env: Record<string, string>, overrides = {}): Promise<RunningServer> {
  const s = await startServer({ env, overrides })
  servers.push(s)
  return s
}

/** The real SQLite store, counting its commits; `failNext` makes the next one fail as a full disk does. */
class CountingStore implements DocumentStore {
  commits = 0
  updates = 0
  failNext = false
  readonly #inner: SqliteDocumentStore
  constructor(inner: SqliteDocumentStore) {
    this.#inner = inner
  }
  load(name: string): Promise<StoredDocument> {
    return this.#inner.load(name)
  }
  async append(entries: readonly LogEntry[]): Promise<number[]> {
    return this.appendNow(entries)
  }
  // Commits within the turn, as the SQLite store does in production.
  appendNow(entries: readonly LogEntry[]): number[] {
    if (this.failNext) {
      this.failNext = false
      throw Object.assign(new Error('database or disk is full'), { code: 'ERR_SQLITE_ERROR', errcode: 13 })
    }
    const seqs = this.#inner.appendNow(entries)
    this.commits++
    this.updates += entries.length
    return seqs
  }
  compact(name: string, state: Uint8Array, throughSeq: number): Promise<void> {
    return this.#inner.compact(name, state, throughSeq)
  }
  close(): Promise<void> {
    return this.#inner.close()
  }
}

interface Exposition {
  types: Map<string, string>
  /** `name{labels}` as written, to its value. */
  samples: Map<string, number>
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*'
const LABELS = `\\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\["\\\\n])*",?)*\\}`
const SAMPLE = new RegExp(`^(${NAME})(${LABELS})? (\\S+)$`)
const HELP = new RegExp(`^# HELP (${NAME}) [^\\n]*$`)
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`)

/**
 * Prometheus' text format 0.0.4, strictly: every line a HELP, a TYPE or a sample whose value is a
 * number, every sample of a family declared before it. Throws on anything else.
 */
function parseExposition(text: string): Exposition {
  const types = new Map<string, string>()
  const samples = new Map<string, number>()
  const lines = text.split('\n')
  if (lines.pop() !== '') throw new Error('the exposition does not end with a newline')
  for (const line of lines) {
    if (line === '' || HELP.test(line)) continue
    const type = TYPE.exec(line)
    if (type?.[1] && type[2]) {
      types.set(type[1], type[2])
      continue
    }
    const sample = SAMPLE.exec(line)
    if (!sample?.[1] || sample[3] === undefined) throw new Error(`not a Prometheus line: ${line}`)
    const name = sample[1]
    const family = types.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '')
    if (!types.has(family)) throw new Error(`a sample before its TYPE: ${line}`)
    const value = sample[3] === '+Inf' ? Infinity : sample[3] === '-Inf' ? -Infinity : Number(sample[3])
    if (Number.isNaN(value) && sample[3] !== 'NaN') throw new Error(`not a number: ${line}`)
    samples.set(`${name}${sample[2] ?? ''}`, value)
  }
  return { types, samples }
}

async function scrape(s: RunningServer, headers: Record<string, string> = {}): Promise<Exposition> {
  const res = await fetch(`${s.url}/api/metrics`, { headers })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
  return parseExposition(await res.text())
}

function value(exposition: Exposition, sample: string): number {
  const found = exposition.samples.get(sample)
  if (found === undefined) throw new Error(`no sample ${sample}`)
  return found
}

/** The answer to a path that does not exist, to compare refusals with. */
async function unknownPath(s: RunningServer): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${s.url}/api/no-such-thing`)
  return { status: res.status, body: await res.json() }
}

async function metricsAnswer(s: RunningServer, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}/api/metrics`, { headers })
  return { status: res.status, body: await res.json() }
}

describe('[O1] /api/metrics', () => {
  it('[O1] answers a loopback caller in Prometheus text format, with the server and process metrics', async () => {
    const s = await start({ METRICS_ENABLED: 'true' })
    const { types, samples } = await scrape(s)
    expect(Object.fromEntries([...types].filter(([name]) => name.startsWith('confer_')))).toEqual({
      confer_collab_connections: 'gauge',
      confer_documents_loaded: 'gauge',
      confer_document_updates_total: 'counter',
      confer_update_log_commit_seconds: 'histogram',
      confer_update_log_commit_failures_total: 'counter',
      confer_postgres_errors_total: 'counter',
      confer_redis_errors_total: 'counter',
    })
    // prom-client's default metrics: the event-loop delay and the memory an operator watches.
    for (const name of [
      'nodejs_eventloop_lag_max_seconds',
      'nodejs_eventloop_lag_p99_seconds',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(types.get(name), name).toBe('gauge')
    }
    expect(samples.get('process_resident_memory_bytes')).toBeGreaterThan(10_000_000)
    expect(samples.get('confer_postgres_errors_total')).toBe(0)
    expect(samples.get('confer_redis_errors_total')).toBe(0)
  })

  it('[O1] counts a real provider: its connection, its document, each committed update, a latency sample per commit', async () => {
    const dataDir = tempDataDir()
    const store = new CountingStore(new SqliteDocumentStore(openDatabase(dataDir)))
    const s = await startServer({
      dataDir,
      env: { METRICS_ENABLED: 'true' },
      overrides: { documents: store },
    })
    servers.push(s)
    const { owner, meetingId } = await meetingFixture(s.url)
    const writer = connectClient(s.wsUrl, `meeting/${meetingId}`, owner.token)
    clients.push(writer)
    await waitForSynced(writer)

    const before = await scrape(s)
    const commitsBefore = store.commits
    const updatesBefore = store.updates
    expect(value(before, 'confer_collab_connections')).toBe(1)
    expect(value(before, 'confer_documents_loaded')).toBe(1)
    for (const text of ['Attendance', 'Data review', 'Next steps']) {
      typeParagraph(writer.doc, text)
      await waitForAcknowledged(writer)
    }
    const after = await scrape(s)
    const commits = store.commits - commitsBefore
    expect(commits).toBeGreaterThanOrEqual(3)
    expect(
      value(after, 'confer_document_updates_total') - value(before, 'confer_document_updates_total'),
    ).toBe(store.updates - updatesBefore)
    expect(
      value(after, 'confer_update_log_commit_seconds_count') -
        value(before, 'confer_update_log_commit_seconds_count'),
    ).toBe(commits)
    expect(value(after, 'confer_update_log_commit_seconds_sum')).toBeGreaterThan(0)
    expect(value(after, 'confer_update_log_commit_seconds_bucket{le="+Inf"}')).toBe(
      value(after, 'confer_update_log_commit_seconds_count'),
    )
    expect(value(after, 'confer_update_log_commit_failures_total')).toBe(0)
  })

  it('[O1] counts a failed commit as a failure, not as a latency sample', async () => {
    const dataDir = tempDataDir()
    const store = new CountingStore(new SqliteDocumentStore(openDatabase(dataDir)))
    const s = await startServer({
      dataDir,
      env: { METRICS_ENABLED: 'true' },
      overrides: { documents: store },
    })
    servers.push(s)
    const { owner, meetingId } = await meetingFixture(s.url)
    const writer = connectClient(s.wsUrl, `meeting/${meetingId}`, owner.token)
    clients.push(writer)
    await waitForSynced(writer)
    const before = await scrape(s)
    const commitsBefore = store.commits

    const socket = writer.provider.configuration.websocketProvider
    let storageClosed = false
    const onClose = ({ event }: { event: CloseEvent }) => {
      if (event.code === CloseCode.storageUnavailable) storageClosed = true
    }
    socket.on('close', onClose)
    store.failNext = true
    typeParagraph(writer.doc, 'written once the disk has room')
    await until(
      () => storageClosed,
      (recheck) => {
        socket.on('close', recheck)
        return () => socket.off('close', recheck)
      },
      'the socket closed for storage',
    )
    // The provider sends the edit again on reconnect; that commit succeeds.
    await waitForAcknowledged(writer)

    const after = await scrape(s)
    expect(value(after, 'confer_update_log_commit_failures_total')).toBe(1)
    expect(
      value(after, 'confer_update_log_commit_seconds_count') -
        value(before, 'confer_update_log_commit_seconds_count'),
    ).toBe(store.commits - commitsBefore)
  })

  it('[O1] METRICS_TOKEN: the bearer gets the metrics; a wrong, missing or malformed one gets the 404 of an unknown path', async () => {
    const token = 'scrape-token-0123456789abcdef'
    // METRICS_ENABLED is off: being on loopback is not enough, as for a caller on another machine.
    const s = await start({ METRICS_TOKEN: token })
    const { types } = await scrape(s, { authorization: `Bearer ${token}` })
    expect(types.get('confer_document_updates_total')).toBe('counter')
    const notFound = await unknownPath(s)
    expect(notFound.status).toBe(404)
    for (const authorization of [
      undefined,
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      'Bearer ',
      `Basic ${token}`,
      token,
    ]) {
      const answer = await metricsAnswer(s, authorization === undefined ? {} : { authorization })
      expect(answer, String(authorization)).toEqual(notFound)
    }
  })

  it('[O1] a request a proxy on this machine forwarded is not a loopback caller', async () => {
    const s = await start({ METRICS_ENABLED: 'true' })
    const notFound = await unknownPath(s)
    const forwarded: Record<string, string>[] = [
      { 'x-forwarded-for': '203.0.113.9' },
      { 'x-forwarded-for': '127.0.0.1' },
      { forwarded: 'for=203.0.113.9' },
      { 'x-real-ip': '203.0.113.9' },
    ]
    for (const header of forwarded) {
      expect(await metricsAnswer(s, header), JSON.stringify(header)).toEqual(notFound)
    }
  })

  it('[O1] metrics off: /api/metrics is an unknown path; a short METRICS_TOKEN is refused at start', async () => {
    const s = await start({})
    expect(await metricsAnswer(s)).toEqual(await unknownPath(s))
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(ConfigError)
  })
})

describe('[O2] /api/ready', () => {
  it('[O2] answers 200 while the database answers, 503 naming a check that fails, without its error', async () => {
    const s = await start({})
    const ready = await fetch(`${s.url}/api/ready`)
    expect(ready.status).toBe(200)
    expect(ready.headers.get('cache-control')).toBe('no-store')
    expect(await ready.json()).toEqual({ ok: true })

    s.server.readiness.add({
      name: 'redis',
      check: () => {
        throw new Error('connect ECONNREFUSED 10.0.0.5:6379')
      },
    })
    const refused = await fetch(`${s.url}/api/ready`)
    expect(refused.status).toBe(503)
    const body = (await refused.json()) as { error: string; message: string }
    expect(body).toEqual({ error: 'not_ready', message: expect.stringContaining('redis') })
    expect(body.message).not.toContain('10.0.0.5')
    expect(body.message).not.toContain('database')
    // Liveness is another question: the process still answers.
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200)
  })

  it('[O2] answers 503 within about a second when a store hangs', async () => {
    const s = await start({})
    s.server.readiness.add({ name: 'postgres', check: () => new Promise(() => {}) })
    const started = Date.now()
    const res = await fetch(`${s.url}/api/ready`)
    expect(res.status).toBe(503)
    expect(((await res.json()) as { message: string }).message).toContain('postgres')
    expect(Date.now() - started).toBeLessThan(3_000)
  })
})

interface LogLine {
  msg: string
  reqId?: string
  socketId?: string
  [key: string]: unknown
}

async function startLogged(env: Record<string, string>): Promise<{ s: RunningServer; lines: LogLine[] }> {
  const lines: LogLine[] = []
  const logStream = { write: (line: string) => lines.push(JSON.parse(line) as LogLine) }
  const s = await start({ LOG_LEVEL: 'info', ...env }, { logStream })
  return { s, lines }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('[O3] request ids', () => {
  it('[O3] every answer carries a fresh X-Request-Id, the reqId of its log lines; a client cannot choose it', async () => {
    const { s, lines } = await startLogged({})
    const ids: string[] = []
    for (const path of ['/api/health', '/api/no-such-thing', '/api/me']) {
      const res = await fetch(`${s.url}${path}`, { headers: { 'x-request-id': 'chosen-by-client' } })
      const id = res.headers.get('x-request-id') ?? ''
      expect(id, path).toMatch(UUID)
      ids.push(id)
      const own = lines.filter((line) => line.reqId === id)
      expect(own.map((line) => line.msg)).toEqual(['request completed'])
    }
    expect(new Set(ids).size).toBe(3)
    // Every line Fastify wrote about a request names one.
    expect(lines.filter((line) => 'req' in line || 'res' in line).every((line) => line.reqId)).toBe(true)
  })

  it("[O3] behind a trusted proxy, the proxy's plain X-Request-Id is the request's id; an unsafe one is replaced", async () => {
    const { s, lines } = await startLogged({ TRUST_PROXY: 'true' })
    const res = await fetch(`${s.url}/api/health`, { headers: { 'x-request-id': 'nginx-4f2a.17' } })
    expect(res.headers.get('x-request-id')).toBe('nginx-4f2a.17')
    expect(lines.some((line) => line.reqId === 'nginx-4f2a.17' && line.msg === 'request completed')).toBe(
      true,
    )
    for (const unsafe of ['a b', 'x'.repeat(129), 'id"}{"admin":true']) {
      const replaced = await fetch(`${s.url}/api/health`, { headers: { 'x-request-id': unsafe } })
      expect(replaced.headers.get('x-request-id'), unsafe).toMatch(UUID)
    }
  })

  it("[O3] a /collab socket's log lines carry its socket id", async () => {
    const { s, lines } = await startLogged({ TRUST_PROXY: 'true', MAX_CONNECTIONS_PER_ADDRESS: '1' })
    const first = await openRawSocket(s.wsUrl)
    // Each is refused as it opens: listen for the close before the handshake.
    const refused = (headers: Record<string, string>) => whenClosed(new WebSocket(s.wsUrl, { headers }))
    expect((await refused({ 'x-request-id': 'nginx-socket-2' })).code).toBe(CloseCode.tooManyConnections)
    expect((await refused({})).code).toBe(CloseCode.tooManyConnections)
    first.close()
    const refusals = lines.filter((line) => line.msg.startsWith('refused a socket'))
    expect(refusals.map((line) => line.socketId)).toEqual(['nginx-socket-2', expect.stringMatching(UUID)])
  })
})

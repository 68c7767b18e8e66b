import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Pool } from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { meetingFixture, signUp } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { paragraphs, typeParagraph } from '../../../test/support/notes.ts'
import { type ServerProcess, spawnServer } from '../../../test/support/server-process.ts'
import { type FreshDatabase, freshDatabase } from '../../../test/support/services/fresh.ts'
import { until } from '../../../test/support/wait.ts'
import type { DocumentStore, LogEntry, StoredDocument } from '../src/stores/document-store.ts'
import { createPool } from '../src/stores/postgres/pool.ts'
import { PostgresDocumentStore } from '../src/stores/postgres/postgres-document-store.ts'
import { authenticateRaw, frame, MessageType, openRawSocket } from './raw-socket.ts'
import { type RunningServer, startServer, tempDataDir } from './test-server.ts'

const clients: TestClient[] = []
const servers: RunningServer[] = []
const pools: Pool[] = []
/** Commits a failed test left held: the server's close waits for the commit in flight. */
const heldCommits: (() => void)[] = []
const processes: ServerProcess[] = []
afterEach(async () => {
  for (const release of heldCommits.splice(0)) release()
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.close()
  for (const p of processes.splice(0)) p.child.kill('SIGKILL')
})

let database: FreshDatabase
beforeAll(async () => {
  database = await freshDatabase()
})
afterAll(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()))
  await database?.drop()
})

/** The real server on the test file's PostgreSQL database. */
async function startOnPostgres(overrides: { documents?: DocumentStore } = {}): Promise<RunningServer> {
  const s = await startServer({ env: { DATABASE_URL: database.url }, overrides })
  servers.push(s)
  return s
}

/** The journal rows of `name` a second connection sees: only what the server has committed. */
async function journalRows(name: string): Promise<number> {
  const pool = createPool(database.url, { max: 1 })
  try {
    const { rows } = await pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM document_journal WHERE name = $1',
      [name],
    )
    return Number(rows[0]?.n)
  } finally {
    await pool.end()
  }
}

interface Hold {
  /** Resolves once a commit has reached the store and waits there. */
  entered: Promise<LogEntry[]>
  release(): void
}

/**
 * The real PostgreSQL store, watched: how many commits it was given at once and their sizes;
 * `holdNext` keeps the next commit waiting before it reaches PostgreSQL, and `failNext` makes
 * it fail as a lost connection would.
 */
class WatchedStore implements DocumentStore {
  readonly batches: number[] = []
  inFlight = 0
  mostInFlight = 0
  failNext = false
  readonly #inner: PostgresDocumentStore
  readonly #holds: { entered: (entries: LogEntry[]) => void; released: Promise<void> }[] = []

  constructor(inner: PostgresDocumentStore) {
    this.#inner = inner
  }

  holdNext(): Hold {
    let entered: (entries: LogEntry[]) => void = () => {}
    let release: () => void = () => {}
    const enteredPromise = new Promise<LogEntry[]>((resolve) => {
      entered = resolve
    })
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    this.#holds.push({ entered, released })
    heldCommits.push(release)
    return { entered: enteredPromise, release }
  }

  load(name: string): Promise<StoredDocument> {
    return this.#inner.load(name)
  }

  async append(entries: readonly LogEntry[]): Promise<number[]> {
    this.inFlight++
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight)
    this.batches.push(entries.length)
    try {
      const hold = this.#holds.shift()
      if (hold) {
        hold.entered([...entries])
        await hold.released
      }
      if (this.failNext) {
        this.failNext = false
        throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' })
      }
      return await this.#inner.append(entries)
    } finally {
      this.inFlight--
    }
  }

  compact(name: string, state: Uint8Array, throughSeq: number): Promise<void> {
    return this.#inner.compact(name, state, throughSeq)
  }

  close(): Promise<void> {
    return this.#inner.close()
  }
}

function watchedStore(): WatchedStore {
  // The last test drops the database under it: its idle connections' errors are expected.
  const pool = createPool(database.url, { max: 4, onError: () => {} })
  pools.push(pool)
  return new WatchedStore(new PostgresDocumentStore(pool))
}

/** Counts the acknowledgements (SyncStatus) a raw socket receives for `name`. */
function countAcks(
  socket: Awaited<ReturnType<typeof openRawSocket>>,
  name: string,
): { count(): number; reach(n: number): Promise<void> } {
  let acks = 0
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarString(decoder) === name && decoding.readVarUint(decoder) === MessageType.SyncStatus)
      acks++
  })
  return {
    count: () => acks,
    reach: (n) =>
      until(
        () => acks >= n,
        (recheck) => {
          socket.on('message', recheck)
          return () => socket.off('message', recheck)
        },
        `${n} acknowledgements`,
      ),
  }
}

function updateFrame(name: string, doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc)
  doc.getText('probe').insert(doc.getText('probe').length, text)
  const update = Y.encodeStateAsUpdate(doc, before)
  return frame(name, MessageType.Sync, (e) => {
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint8Array(e, update)
  })
}

/** Everything the server did with what the socket sent so far is done when the pong arrives. */
function roundTrip(socket: Awaited<ReturnType<typeof openRawSocket>>): Promise<void> {
  return new Promise((resolve) => {
    socket.once('pong', () => resolve())
    socket.ping()
  })
}

describe('durability on PostgreSQL', () => {
  it('[D2] every acknowledged edit of two providers is there after the server restarts', async () => {
    const first = await startOnPostgres()
    const { owner, meetingId } = await meetingFixture(first.url)
    const name = `meeting/${meetingId}`
    const [ada, bob] = [
      connectClient(first.wsUrl, name, owner.token),
      connectClient(first.wsUrl, name, owner.token),
    ]
    clients.push(ada, bob)
    await Promise.all([waitForSynced(ada), waitForSynced(bob)])
    for (let i = 0; i < 30; i++) {
      typeParagraph(ada.doc, `ada ${i}`)
      typeParagraph(bob.doc, `bob ${i}`)
    }
    await Promise.all([waitForAcknowledged(ada), waitForAcknowledged(bob)])
    const acknowledged = paragraphs(ada.doc)
    for (const c of clients.splice(0)) c.destroy()
    await first.close()
    servers.splice(0)

    // A new server, a new data directory: all it has is the PostgreSQL database.
    const second = await startOnPostgres()
    const reader = connectClient(second.wsUrl, name, owner.token)
    clients.push(reader)
    await waitForSynced(reader)
    expect(paragraphs(reader.doc).sort()).toEqual([...acknowledged].sort())
    expect(acknowledged).toHaveLength(60)
  })

  it('[D5] one commit is in flight at a time; what arrives meanwhile goes into the next, acknowledged after it', async () => {
    const store = watchedStore()
    const s = await startOnPostgres({ documents: store })
    const { owner, meetingId } = await meetingFixture(s.url)
    const name = `meeting/${meetingId}`
    const socket = await openRawSocket(s.wsUrl)
    expect(await authenticateRaw(socket, name, owner.token)).toMatchObject({ ok: true })
    const acks = countAcks(socket, name)
    const edit = new Y.Doc()
    const rowsBefore = await journalRows(name)
    const commitsBefore = store.batches.length

    const first = store.holdNext()
    socket.send(updateFrame(name, edit, 'first '))
    expect(await first.entered).toHaveLength(1)
    const second = store.holdNext()
    socket.send(updateFrame(name, edit, 'second '))
    socket.send(updateFrame(name, edit, 'third'))
    await roundTrip(socket)
    // Both applied, neither given to the store while the first commit is in flight, none acknowledged.
    expect(store.batches.slice(commitsBefore)).toEqual([1])
    expect(acks.count()).toBe(0)

    first.release()
    // The next commit starts as the first ends, with both updates that arrived meanwhile.
    expect(await second.entered).toHaveLength(2)
    await acks.reach(1)
    await roundTrip(socket)
    expect(acks.count()).toBe(1)
    expect(await journalRows(name)).toBe(rowsBefore + 1)

    second.release()
    await acks.reach(3)
    expect(acks.count()).toBe(3)
    expect(await journalRows(name)).toBe(rowsBefore + 3)
    expect(store.mostInFlight).toBe(1)
    socket.close()
  })

  it('[D5] ten typists: never two commits at once, fewer commits than updates, every edit acknowledged and stored', async () => {
    const store = watchedStore()
    const s = await startOnPostgres({ documents: store })
    const { owner, meetingId } = await meetingFixture(s.url)
    const name = `meeting/${meetingId}`
    const typists = Array.from({ length: 10 }, () => connectClient(s.wsUrl, name, owner.token))
    clients.push(...typists)
    await Promise.all(typists.map((t) => waitForSynced(t)))
    const committedBefore = store.batches.reduce((sum, n) => sum + n, 0)
    for (let round = 0; round < 20; round++) {
      for (const [i, t] of typists.entries()) typeParagraph(t.doc, `typist ${i} line ${round}`)
    }
    await Promise.all(typists.map((t) => waitForAcknowledged(t)))

    const updates = store.batches.reduce((sum, n) => sum + n, 0) - committedBefore
    expect(updates).toBeGreaterThanOrEqual(200)
    expect(store.mostInFlight).toBe(1)
    expect(store.batches.length).toBeLessThan(store.batches.reduce((sum, n) => sum + n, 0))
    const reader = connectClient(s.wsUrl, name, owner.token)
    clients.push(reader)
    await waitForSynced(reader)
    expect(paragraphs(reader.doc)).toHaveLength(200)
  })

  it('[H3] a failed commit acknowledges nothing and discards the document; the providers resend and it is stored', async () => {
    const store = watchedStore()
    const s = await startOnPostgres({ documents: store })
    const { owner, meetingId } = await meetingFixture(s.url)
    const name = `meeting/${meetingId}`
    const writer = connectClient(s.wsUrl, name, owner.token)
    const reader = connectClient(s.wsUrl, name, owner.token)
    clients.push(writer, reader)
    await Promise.all([waitForSynced(writer), waitForSynced(reader)])
    const closes: number[] = []
    const socket = writer.provider.configuration.websocketProvider
    socket.on('close', ({ event }: { event: CloseEvent }) => {
      closes.push(event.code)
    })

    const failing = store.holdNext()
    store.failNext = true
    typeParagraph(writer.doc, 'not stored the first time')
    await failing.entered
    // Typed while the failing commit is in flight: goes into the next commit.
    typeParagraph(writer.doc, 'typed meanwhile')
    failing.release()

    await until(
      () => closes.includes(1011),
      (recheck) => {
        socket.on('close', recheck)
        return () => socket.off('close', recheck)
      },
      'the writer to be closed with 1011',
    )
    expect(writer.provider.hasUnsyncedChanges).toBe(true)
    await waitForAcknowledged(writer)
    await waitForDoc(reader, (doc) => paragraphs(doc).includes('typed meanwhile'), 'the reader to see it all')
    for (const c of clients.splice(0)) c.destroy()
    await s.close()
    servers.splice(0)

    const again = await startOnPostgres()
    const fresh = connectClient(again.wsUrl, name, owner.token)
    clients.push(fresh)
    await waitForSynced(fresh)
    expect(paragraphs(fresh.doc)).toEqual(
      expect.arrayContaining(['not stored the first time', 'typed meanwhile']),
    )
  })

  it('[D2] every acknowledged edit survives kill -9 of a server process on PostgreSQL', async () => {
    const first = await spawnServer({ DATABASE_URL: database.url, DATA_DIR: tempDataDir() })
    processes.push(first)
    const { owner, meetingId } = await meetingFixture(first.url)
    const name = `meeting/${meetingId}`
    const [ada, bob] = [
      connectClient(first.wsUrl, name, owner.token),
      connectClient(first.wsUrl, name, owner.token),
    ]
    clients.push(ada, bob)
    await Promise.all([waitForSynced(ada), waitForSynced(bob)])
    for (let i = 0; i < 150; i++) {
      typeParagraph(ada.doc, `ada ${i}`)
      typeParagraph(bob.doc, `bob ${i}`)
    }
    await Promise.all([waitForAcknowledged(ada), waitForAcknowledged(bob)])
    first.child.kill('SIGKILL')
    expect((await first.exited).signal).toBe('SIGKILL')
    for (const c of clients.splice(0)) c.destroy()

    // In this process: only the child's start is worth paying for, the one that gets killed.
    const second = await startOnPostgres()
    const reader = connectClient(second.wsUrl, name, owner.token)
    clients.push(reader)
    await waitForSynced(reader)
    expect(paragraphs(reader.doc)).toHaveLength(300)
    expect(paragraphs(reader.doc)).toEqual(expect.arrayContaining(['ada 0', 'bob 149']))
  })

  it('[O2][H3] once PostgreSQL is gone, /api/ready names the database and REST answers 503 storage_unavailable', async () => {
    const s = await startOnPostgres()
    const owner = await signUp(s.url, 'Facilitator')
    expect((await fetch(`${s.url}/api/ready`)).status).toBe(200)
    // The last test of the file: its database goes away under the running server.
    await database.drop()
    const res = await fetch(`${s.url}/api/ready`)
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({
      error: 'not_ready',
      message: expect.stringContaining('database'),
    })
    const refused = await owner.api.post('/api/communities', { name: 'Grade 5 team' })
    expect(refused.status).toBe(503)
    expect(refused.body).toMatchObject({ error: 'storage_unavailable' })
  })
})

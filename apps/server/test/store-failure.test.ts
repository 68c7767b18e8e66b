import { CloseCode } from '@confer/model'
import { afterEach, describe, expect, it } from 'vitest'
import { createCommunity, signUp } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { paragraphs, typeParagraph } from '../../../test/support/notes.ts'
import { until } from '../../../test/support/wait.ts'
import type { DocumentStore, LogEntry, StoredDocument } from '../src/stores/document-store.ts'
import { openDatabase } from '../src/stores/sqlite/database.ts'
import { SqliteDocumentStore } from '../src/stores/sqlite/sqlite-document-store.ts'
import { type RunningServer, startServer, tempDataDir } from './test-server.ts'

const clients: TestClient[] = []
const servers: RunningServer[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.close()
})

/** The error node:sqlite throws when the disk is full (SQLITE_FULL). */
function diskFull(): Error {
  return Object.assign(new Error('database or disk is full'), {
    code: 'ERR_SQLITE_ERROR',
    errcode: 13,
    errstr: 'database or disk is full',
  })
}

/** The real SQLite store, whose writes fail while `full` is set, as on a full disk. */
class FillableStore implements DocumentStore {
  full = false
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
    if (this.full) throw diskFull()
    return this.#inner.appendNow(entries)
  }
  compact(name: string, state: Uint8Array, throughSeq: number): Promise<void> {
    if (this.full) return Promise.reject(diskFull())
    return this.#inner.compact(name, state, throughSeq)
  }
  close(): Promise<void> {
    return this.#inner.close()
  }
}

async function startFillable(): Promise<{ s: RunningServer; store: FillableStore }> {
  const dataDir = tempDataDir()
  const store = new FillableStore(new SqliteDocumentStore(openDatabase(dataDir)))
  const s = await startServer({ dataDir, overrides: { documents: store } })
  servers.push(s)
  return { s, store }
}

/** Counts the socket closes a provider sees, by close code. */
function closeCodes(client: TestClient): number[] {
  const codes: number[] = []
  client.provider.configuration.websocketProvider.on('close', ({ event }: { event: CloseEvent }) => {
    codes.push(event.code)
  })
  return codes
}

function untilClosedTimes(client: TestClient, codes: number[], code: number, times: number): Promise<void> {
  const socket = client.provider.configuration.websocketProvider
  return until(
    () => codes.filter((c) => c === code).length >= times,
    (recheck) => {
      socket.on('close', recheck)
      return () => socket.off('close', recheck)
    },
    `${times} closes with ${code}`,
  )
}

describe('a store that cannot write', () => {
  it('[H3] never acknowledges an uncommitted edit, not even on the sync after the failed commit; once it can write, the edit is saved', async () => {
    const { s, store } = await startFillable()
    const owner = await signUp(s.url, 'Facilitator')
    const communityId = await createCommunity(owner)
    const meeting = await owner.api.post<{ meeting: { id: string } }>(
      `/api/communities/${communityId}/meetings`,
      {
        title: 'Weekly meeting',
        startsAt: new Date(Date.now() + 3600_000).toISOString(),
        durationMinutes: 60,
      },
    )
    const name = `meeting/${meeting.body.meeting.id}`
    const writer = connectClient(s.wsUrl, name, owner.token)
    const reader = connectClient(s.wsUrl, name, owner.token)
    clients.push(writer, reader)
    await Promise.all([waitForSynced(writer), waitForSynced(reader)])

    store.full = true
    let acknowledgedWhileFull = 0
    writer.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      if (store.full && number === 0) acknowledgedWhileFull++
    })
    const writerCloses = closeCodes(writer)
    const readerCloses = closeCodes(reader)
    typeParagraph(writer.doc, 'kept on this device until the disk has room')
    // The failed commit closes both sockets; each provider syncs again and offers the edit,
    // which the store still cannot take: closed again, and never acknowledged.
    await untilClosedTimes(writer, writerCloses, CloseCode.storageUnavailable, 3)
    await untilClosedTimes(reader, readerCloses, CloseCode.storageUnavailable, 2)
    expect(acknowledgedWhileFull).toBe(0)
    expect(writer.provider.hasUnsyncedChanges).toBe(true)

    store.full = false
    await waitForAcknowledged(writer)
    await waitForDoc(
      reader,
      (doc) => paragraphs(doc).includes('kept on this device until the disk has room'),
      'the edit',
    )

    // What a fresh client sees after a restart on the same data.
    for (const c of clients.splice(0)) c.destroy()
    await s.close()
    servers.splice(0)
    const again = await startServer({ dataDir: s.dataDir })
    servers.push(again)
    const fresh = connectClient(again.wsUrl, name, owner.token)
    clients.push(fresh)
    await waitForSynced(fresh)
    expect(paragraphs(fresh.doc)).toEqual(['kept on this device until the disk has room'])
  })

  it('[H3] answers REST changes 503 storage_unavailable while it cannot write, and serves them again after', async () => {
    const { s, store } = await startFillable()
    const owner = await signUp(s.url, 'Facilitator')
    const communityId = await createCommunity(owner)
    const body = {
      title: 'Weekly meeting',
      startsAt: new Date(Date.now() + 3600_000).toISOString(),
      durationMinutes: 60,
    }
    store.full = true
    const refused = await owner.api.post(`/api/communities/${communityId}/meetings`, body)
    expect(refused.status).toBe(503)
    expect(refused.body).toEqual({ error: 'storage_unavailable', message: expect.any(String) })

    store.full = false
    const created = await owner.api.post(`/api/communities/${communityId}/meetings`, body)
    expect(created.status).toBe(201)
  })
})

/**
 * A change of access that lands while a socket is authenticated but its document still loads
 * reaches that socket too (SPEC A6): the loads are held back by a document store the test drives.
 */
import { CloseCode } from '@confer/model'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { createCommunity, join, type Person, signUp } from '../../../test/support/api-client.ts'
import type { DocumentStore, LogEntry, StoredDocument } from '../src/stores/document-store.ts'
import { openDatabase } from '../src/stores/sqlite/database.ts'
import { SqliteDocumentStore } from '../src/stores/sqlite/sqlite-document-store.ts'
import { authenticateRaw, openRawSocket, whenClosed } from './raw-socket.ts'
import { type RunningServer, startServer, tempDataDir } from './test-server.ts'

const sockets: WebSocket[] = []

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close()
})

/** A document store whose next load of one document waits until the test lets it go. */
class HeldLoads implements DocumentStore {
  readonly #inner: SqliteDocumentStore
  #held: { name: string; entered: () => void; released: Promise<void> } | null = null

  constructor(inner: SqliteDocumentStore) {
    this.#inner = inner
  }

  /** Holds the next load of `name`; resolves `entered` when it starts. */
  hold(name: string): { entered: Promise<void>; release: () => void } {
    let release = () => {}
    let entered = () => {}
    const started = new Promise<void>((resolve) => {
      entered = resolve
    })
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    this.#held = { name, entered, released }
    return { entered: started, release }
  }

  async load(name: string): Promise<StoredDocument> {
    const held = this.#held
    if (held?.name === name) {
      this.#held = null
      held.entered()
      await held.released
    }
    return this.#inner.load(name)
  }

  append(entries: readonly LogEntry[]): Promise<number[]> {
    return this.#inner.append(entries)
  }

  appendNow(entries: readonly LogEntry[]): number[] {
    return this.#inner.appendNow(entries)
  }

  compact(name: string, state: Uint8Array, throughSeq: number): Promise<void> {
    return this.#inner.compact(name, state, throughSeq)
  }

  close(): Promise<void> {
    return this.#inner.close()
  }
}

describe('[A6] a change while a socket is still being set up reaches it too', () => {
  let held: RunningServer
  let loads: HeldLoads
  let owner: Person
  let communityId: string

  beforeAll(async () => {
    const dataDir = tempDataDir()
    loads = new HeldLoads(new SqliteDocumentStore(openDatabase(dataDir)))
    held = await startServer({ dataDir, overrides: { documents: loads } })
    owner = await signUp(held.url, 'Facilitator')
    communityId = await createCommunity(owner, 'Slow-loading team')
  })
  afterAll(() => held.close())

  /** A socket authenticated to the charter, whose document is still loading. */
  async function authenticatedWhileLoading(
    credential: { token: string } | { cookie: string },
  ): Promise<{ socket: WebSocket; release: () => void }> {
    const name = `community/${communityId}/charter`
    const load = loads.hold(name)
    const socket =
      'cookie' in credential
        ? await openRawSocket(held.wsUrl, { origin: held.url, cookie: credential.cookie })
        : await openRawSocket(held.wsUrl)
    sockets.push(socket)
    const outcome = authenticateRaw(socket, name, 'token' in credential ? credential.token : '')
    expect(await outcome).toMatchObject({ ok: true })
    await load.entered
    return { socket, release: load.release }
  }

  it('[A6] a member removed after authenticating but before the document loaded is disconnected', async () => {
    const person = await signUp(held.url, 'Removed while loading')
    await join(owner, communityId, person, 'member')
    const { socket, release } = await authenticatedWhileLoading({ token: person.token })
    const closed = whenClosed(socket)

    expect((await owner.api.delete(`/api/communities/${communityId}/members/${person.id}`)).status).toBe(204)
    release()
    expect((await closed).code).toBe(CloseCode.accessChanged)
  })

  it('[A6] a session logged out after authenticating but before the document loaded is disconnected', async () => {
    const person = await signUp(held.url, 'Logged out while loading')
    await join(owner, communityId, person, 'member')
    const { socket, release } = await authenticatedWhileLoading({ cookie: person.api.cookie ?? '' })
    const closed = whenClosed(socket)

    expect((await person.api.post('/api/auth/logout')).status).toBe(204)
    release()
    expect((await closed).code).toBe(CloseCode.accessChanged)
  })
})

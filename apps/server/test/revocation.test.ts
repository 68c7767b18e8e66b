import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { CloseCode, DenyReason } from '@confer/model'
import * as encoding from 'lib0/encoding'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import * as Y from 'yjs'
import {
  ApiClient,
  createCommunity,
  createMeeting,
  join,
  type Person,
  signUp,
} from '../../../test/support/api-client.ts'
import type { CollabContext } from '../src/collab/context.ts'
import { CredentialExpiry } from '../src/collab/extensions/credential-expiry.ts'
import { hashSecret } from '../src/services/secrets.ts'
import type { DocumentStore, LogEntry, StoredDocument } from '../src/stores/document-store.ts'
import { DATABASE_FILE, openDatabase } from '../src/stores/sqlite/database.ts'
import { SqliteDocumentStore } from '../src/stores/sqlite/sqlite-document-store.ts'
import {
  authenticateRaw,
  type Closed,
  frame,
  MessageType,
  nextFrameOfType,
  openRawSocket,
  whenClosed,
} from './raw-socket.ts'
import { type RunningServer, startServer, tempDataDir } from './test-server.ts'

let s: RunningServer
let n: Network
const sockets: WebSocket[] = []

beforeAll(async () => {
  s = await startServer()
  n = await networkFixture()
})
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close()
})
afterAll(() => s.close())

/** Changes stored rows directly, as time, another device or another server instance would. */
function withDatabase<T>(work: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(path.join(s.dataDir, DATABASE_FILE))
  try {
    return work(db)
  } finally {
    db.close()
  }
}

/** Makes a credential expire `ms` from now (the API's shortest lifetime is a minute). */
function expireIn(secret: string, ms: number): number {
  const at = Date.now() + ms
  withDatabase((db) =>
    db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(at, hashSecret(secret)),
  )
  return at
}

/** The same person logged in from another browser: its own session cookie. */
async function secondBrowser(person: Person): Promise<ApiClient> {
  const browser = new ApiClient(s.url)
  const login = await browser.post('/api/auth/login', {
    email: person.email,
    password: 'correct horse battery',
  })
  expect(login.status).toBe(200)
  return browser
}

const cookieSecret = (person: Person): string => (person.api.cookie ?? '').split('=')[1] ?? ''

/** A raw socket authenticated to `documentName` with a bearer token, or the session cookie. */
async function connect(
  documentName: string,
  credential: { token: string } | { cookie: string },
): Promise<WebSocket> {
  const socket =
    'cookie' in credential
      ? await openRawSocket(s.wsUrl, { origin: s.url, cookie: credential.cookie })
      : await openRawSocket(s.wsUrl)
  sockets.push(socket)
  const outcome = await authenticateRaw(socket, documentName, 'token' in credential ? credential.token : '')
  expect(outcome).toMatchObject({ ok: true })
  return socket
}

async function refusal(documentName: string, token: string): Promise<string | null> {
  const socket = await openRawSocket(s.wsUrl)
  sockets.push(socket)
  const outcome = await authenticateRaw(socket, documentName, token)
  return outcome.ok ? null : outcome.reason
}

interface Network {
  hostFacilitator: Person
  homeFacilitator: Person
  hostCommunity: string
  homeCommunity: string
  networkId: string
  meetingId: string
}

/**
 * Two schools' communities in one network, and a meeting the host opened to the network's
 * members as writers.
 */
async function networkFixture(): Promise<Network> {
  const [hostFacilitator, homeFacilitator] = await Promise.all([
    signUp(s.url, 'Host facilitator'),
    signUp(s.url, 'Home facilitator'),
  ])
  const hostCommunity = await createCommunity(hostFacilitator, 'Lincoln math')
  const homeCommunity = await createCommunity(homeFacilitator, 'Roosevelt math')
  const meetingId = await createMeeting(hostFacilitator, hostCommunity, 'Targeted networking')
  const network = await hostFacilitator.api.post<{ network: { id: string } }>('/api/networks', {
    name: 'District math network',
    communityId: hostCommunity,
  })
  const invite = await hostFacilitator.api.post<{ code: string }>(
    `/api/networks/${network.body.network.id}/invites`,
  )
  const accepted = await homeFacilitator.api.post(`/api/network-invites/${invite.body.code}/accept`, {
    communityId: homeCommunity,
  })
  expect(accepted.status).toBe(200)
  const opened = await hostFacilitator.api.put(`/api/meetings/${meetingId}/network-access`, {
    guestRole: 'member',
  })
  expect(opened.status).toBe(200)
  return {
    hostFacilitator,
    homeFacilitator,
    hostCommunity,
    homeCommunity,
    networkId: network.body.network.id,
    meetingId,
  }
}

/** A member of the home community only: in the host's meeting as a network guest. */
async function newGuest(n: Network): Promise<Person> {
  const guest = await signUp(s.url, 'Guest teacher')
  await join(n.homeFacilitator, n.homeCommunity, guest, 'member')
  return guest
}

/** Sends SyncStep1 and waits for the answer: the server has set the connection up by then. */
async function syncRoundTrip(socket: WebSocket, documentName: string): Promise<void> {
  const answer = nextFrameOfType(socket, documentName, MessageType.Sync)
  socket.send(
    frame(documentName, MessageType.Sync, (e) => {
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()))
    }),
  )
  await answer
}

/** Resolves with the close, and how long after `since` it came. */
async function closedAfter(socket: WebSocket, since: number): Promise<Closed & { afterMs: number }> {
  const closed = await whenClosed(socket)
  return { ...closed, afterMs: Date.now() - since }
}

describe('[A10] a network guest loses the meeting with their home community', () => {
  it('[A10] a guest removed from their home community is disconnected from every meeting they joined through it, at once', async () => {
    const guest = await newGuest(n)
    const notes = await connect(`meeting/${n.meetingId}`, { token: guest.token })
    const run = await connect(`meeting/${n.meetingId}/run`, { token: guest.token })
    const closes = [whenClosed(notes), whenClosed(run)]

    const removedAt = Date.now()
    const removed = await n.homeFacilitator.api.delete(
      `/api/communities/${n.homeCommunity}/members/${guest.id}`,
    )
    expect(removed.status).toBe(204)
    for (const closed of await Promise.all(closes)) expect(closed.code).toBe(CloseCode.accessChanged)
    expect(Date.now() - removedAt).toBeLessThan(1_000)
    expect(await refusal(`meeting/${n.meetingId}`, guest.token)).toBe(DenyReason.unknownDocument)
  })

  it('[A10] a guest who leaves their home community is disconnected at once', async () => {
    const guest = await newGuest(n)
    const notes = await connect(`meeting/${n.meetingId}`, { cookie: guest.api.cookie ?? '' })
    const closed = whenClosed(notes)

    const left = await guest.api.delete(`/api/communities/${n.homeCommunity}/members/${guest.id}`)
    expect(left.status).toBe(204)
    expect((await closed).code).toBe(CloseCode.accessChanged)
    expect(await refusal(`meeting/${n.meetingId}`, guest.token)).toBe(DenyReason.unknownDocument)
  })

  it('[A6] a guest whose home role changes keeps the guest connection (access is re-checked, not guessed)', async () => {
    const guest = await newGuest(n)
    const notes = await connect(`meeting/${n.meetingId}`, { token: guest.token })
    const lowered = await n.homeFacilitator.api.patch(
      `/api/communities/${n.homeCommunity}/members/${guest.id}`,
      {
        role: 'observer',
      },
    )
    expect(lowered.status).toBe(200)
    // The guest role comes from the meeting, not the home community: still a writer there. A
    // second connection after the change proves the re-check had its turn.
    expect(await authenticateRaw(notes, `meeting/${n.meetingId}/run`, guest.token)).toMatchObject({
      ok: true,
    })
    expect(notes.readyState).toBe(notes.OPEN)
  })

  it('[A6] a community taken out of the network closes its members’ guest sockets', async () => {
    const own = await networkFixture()
    const guest = await newGuest(own)
    const notes = await connect(`meeting/${own.meetingId}`, { token: guest.token })
    const closed = whenClosed(notes)
    // No REST route takes a community out of a network yet: change the store and announce it,
    // as the service that does so will.
    withDatabase((db) =>
      db
        .prepare('DELETE FROM network_communities WHERE network_id = ? AND community_id = ?')
        .run(own.networkId, own.homeCommunity),
    )
    s.server.services.events.emit('networkChanged', { networkId: own.networkId })
    expect((await closed).code).toBe(CloseCode.accessChanged)
    expect(await refusal(`meeting/${own.meetingId}`, guest.token)).toBe(DenyReason.unknownDocument)
  })
})

describe('[A8] a socket closes when its credential expires', () => {
  it('[A8] a bearer token socket closes with 4401 when the token expires, and cannot come back', async () => {
    const guest = await newGuest(n)
    const expiresAt = expireIn(guest.token, 700)
    const socket = await connect(`meeting/${n.meetingId}`, { token: guest.token })

    const closed = await closedAfter(socket, expiresAt)
    expect(closed.code).toBe(CloseCode.credentialExpired)
    // Not before the expiry (timers may fire a millisecond early), and promptly after it.
    expect(closed.afterMs).toBeGreaterThanOrEqual(-5)
    expect(closed.afterMs).toBeLessThan(1_000)
    expect(await refusal(`meeting/${n.meetingId}`, guest.token)).toBe(DenyReason.unauthenticated)
  })

  it('[A8] a session cookie socket closes with 4401 at expiry while a 30-day session beside it stays open', async () => {
    const guest = await newGuest(n)
    const name = `meeting/${n.meetingId}`
    // A fresh 30-day session: its delay is over setTimeout's 2^31-1 ms ceiling, past which Node
    // warns and fires after 1 ms instead (a close at once, or a timer spinning every millisecond).
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.name)
    process.on('warning', onWarning)
    const lasting = await connect(name, { cookie: n.hostFacilitator.api.cookie ?? '' })
    const expiresAt = expireIn(cookieSecret(guest), 700)
    const expiring = await connect(name, { cookie: guest.api.cookie ?? '' })

    const closed = await closedAfter(expiring, expiresAt)
    expect(closed.code).toBe(CloseCode.credentialExpired)
    expect(closed.afterMs).toBeLessThan(1_000)
    expect(lasting.readyState).toBe(lasting.OPEN)
    // And it still works: another document on the same socket authenticates.
    expect(await authenticateRaw(lasting, `community/${n.hostCommunity}/charter`, '')).toMatchObject({
      ok: true,
    })
    process.off('warning', onWarning)
    expect(warnings).not.toContain('TimeoutOverflowWarning')
  })

  it('[A8] a socket that closes before its credential expires leaves no timer behind', async () => {
    const guest = await newGuest(n)
    const expiry = s.server.hocuspocus.configuration.extensions.find(
      (e): e is CredentialExpiry => e instanceof CredentialExpiry,
    )
    if (!expiry) throw new Error('the credential-expiry extension is not registered')
    const before = expiry.pending
    const name = `meeting/${n.meetingId}`
    const socket = await connect(name, { token: guest.token })
    await syncRoundTrip(socket, name)
    expect(expiry.pending).toBe(before + 1)

    // The server's side of that socket, to learn when it has let go of it.
    const connection = s.server.hocuspocus.documents
      .get(name)
      ?.getConnections()
      .find((c) => (c.context as CollabContext).credentialHash === hashSecret(guest.token))
    if (!connection) throw new Error('the server holds no connection for the socket')
    const released = new Promise<void>((resolve) => connection.onClose(() => resolve()))
    socket.close()
    await released
    expect(expiry.pending).toBe(before)
  })
})

describe('[A6] revoked credentials close the sockets they opened', () => {
  it('[A6] revoking a bearer token closes the /collab socket opened with it, not the person’s other sockets', async () => {
    const guest = await newGuest(n)
    const name = `meeting/${n.meetingId}`
    const tokenSocket = await connect(name, { token: guest.token })
    const cookieSocket = await connect(name, { cookie: guest.api.cookie ?? '' })
    const closed = whenClosed(tokenSocket)

    guest.api.bearer = guest.token
    expect((await guest.api.delete('/api/auth/tokens/current')).status).toBe(204)
    expect((await closed).code).toBe(CloseCode.accessChanged)
    expect(cookieSocket.readyState).toBe(cookieSocket.OPEN)
    expect(await refusal(name, guest.token)).toBe(DenyReason.unauthenticated)
  })

  it('[A6] logging out closes the socket that browser session opened, not another browser’s', async () => {
    const guest = await newGuest(n)
    const name = `meeting/${n.meetingId}`
    const laptop = await secondBrowser(guest)
    const laptopSocket = await connect(name, { cookie: laptop.cookie ?? '' })
    const cookieSocket = await connect(name, { cookie: guest.api.cookie ?? '' })
    const closed = whenClosed(cookieSocket)

    expect((await guest.api.post('/api/auth/logout')).status).toBe(204)
    expect((await closed).code).toBe(CloseCode.accessChanged)
    expect(laptopSocket.readyState).toBe(laptopSocket.OPEN)
  })

  it('[A9] signing out everywhere closes the sockets of every browser session and every token', async () => {
    const guest = await newGuest(n)
    const name = `meeting/${n.meetingId}`
    const laptop = await secondBrowser(guest)
    const open = [
      await connect(name, { cookie: guest.api.cookie ?? '' }),
      await connect(name, { cookie: laptop.cookie ?? '' }),
      await connect(name, { token: guest.token }),
    ]
    const bystander = await connect(name, { cookie: n.hostFacilitator.api.cookie ?? '' })
    const closed = open.map(whenClosed)

    expect((await laptop.post('/api/auth/logout-everywhere')).status).toBe(200)
    for (const c of await Promise.all(closed)) expect(c.code).toBe(CloseCode.accessChanged)
    expect(bystander.readyState).toBe(bystander.OPEN)
  })
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

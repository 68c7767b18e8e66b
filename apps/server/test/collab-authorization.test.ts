import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { CloseCode, DenyReason, readAgenda } from '@confer/model'
import * as encoding from 'lib0/encoding'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { join, type Person, rolesFixture, signUp } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAwareness,
  waitForDenied,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { paragraphs, typeParagraph } from '../../../test/support/notes.ts'
import { until } from '../../../test/support/wait.ts'
import { hashSecret } from '../src/services/secrets.ts'
import { DATABASE_FILE } from '../src/stores/sqlite/database.ts'
import { authenticateRaw, frame, MessageType, openRawSocket, sendUpdate } from './raw-socket.ts'
import { type RunningServer, startServer } from './test-server.ts'

let s: RunningServer
let facilitator: Person
let member: Person
let observer: Person
let outsider: Person
let communityId: string
let outsiderCommunityId: string
let meetingId: string
const clients: TestClient[] = []

beforeAll(async () => {
  s = await startServer()
  const f = await rolesFixture(s.url, 'Reading PLC')
  ;({ facilitator, member, observer, outsider, communityId, meetingId } = f)
  outsiderCommunityId = f.outsiderCommunityId
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(() => s.close())

function client(name: string, token: string): TestClient {
  const c = connectClient(s.wsUrl, name, token)
  clients.push(c)
  return c
}

/** Changes the stored state of credentials directly, as time or another device would. */
function withDatabase<T>(work: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(path.join(s.dataDir, DATABASE_FILE))
  try {
    return work(db)
  } finally {
    db.close()
  }
}

/** An update that would add an agenda item called `title`, made on a copy of the document. */
function foreignItemUpdate(doc: Y.Doc, title: string): Uint8Array {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(copy)
  const item = new Y.Map<unknown>()
  item.set('title', title)
  copy.getMap('items').set('intruder', item)
  copy.getArray('order').push(['intruder'])
  return Y.encodeStateAsUpdate(copy, before)
}

describe('who may open a document', () => {
  it('[A2] refuses a connection without a token or cookie', async () => {
    const c = client(`meeting/${meetingId}`, '')
    expect(await waitForDenied(c)).toBe(DenyReason.unauthenticated)
  })

  it('[A2] refuses an expired token', async () => {
    const person = await signUp(s.url, 'Expired')
    await join(facilitator, communityId, person, 'member')
    withDatabase((db) =>
      db
        .prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?')
        .run(Date.now() - 1, hashSecret(person.token)),
    )
    expect(await waitForDenied(client(`meeting/${meetingId}`, person.token))).toBe(DenyReason.unauthenticated)
  })

  it('[A2] refuses a revoked token', async () => {
    const person = await signUp(s.url, 'Revoked')
    await join(facilitator, communityId, person, 'member')
    person.api.bearer = person.token
    person.api.cookie = null
    expect((await person.api.delete('/api/auth/tokens/current')).status).toBe(204)
    expect(await waitForDenied(client(`meeting/${meetingId}`, person.token))).toBe(DenyReason.unauthenticated)
  })

  it.each([
    ['meeting/<meeting>'],
    ['meeting/<meeting>/run'],
    ['community/<community>/charter'],
    ['community/<community>/plan'],
  ])('[A1] refuses a non-member %s exactly as an unknown id', async (pattern) => {
    const forbidden = pattern.replace('<meeting>', meetingId).replace('<community>', communityId)
    const unknown = pattern
      .replace('<meeting>', 'nosuchmeeting123')
      .replace('<community>', 'nosuchcommunity1')
    expect(await waitForDenied(client(forbidden, outsider.token))).toBe(DenyReason.unknownDocument)
    expect(await waitForDenied(client(unknown, outsider.token))).toBe(DenyReason.unknownDocument)
    // Their own community's documents open fine with the same token.
    const own = client(`community/${outsiderCommunityId}/charter`, outsider.token)
    await waitForSynced(own)
  })

  it('[A5] refuses a browser connection from a foreign page (Origin), even with a valid session cookie', async () => {
    const socket = await openRawSocket(s.wsUrl, {
      origin: 'https://evil.example',
      cookie: facilitator.api.cookie ?? '',
    })
    expect(await authenticateRaw(socket, `meeting/${meetingId}`, '')).toEqual({
      ok: false,
      reason: DenyReason.forbiddenOrigin,
    })
    socket.close()
  })

  it('accepts the session cookie from our own page', async () => {
    const socket = await openRawSocket(s.wsUrl, { origin: s.url, cookie: facilitator.api.cookie ?? '' })
    expect(await authenticateRaw(socket, `meeting/${meetingId}`, '')).toEqual({
      ok: true,
      scope: 'read-write',
    })
    socket.close()
  })
})

describe('[A4] read-only connections change nothing', () => {
  it.each([
    ['an observer', () => observer, () => `meeting/${meetingId}`],
    ['a member, on the run document', () => member, () => `meeting/${meetingId}/run`],
    ['the facilitator, on the run document', () => facilitator, () => `meeting/${meetingId}/run`],
  ])('%s: the update is refused, other clients and the store stay unchanged', async (_, who, name) => {
    const watcher = client(name(), facilitator.token)
    await waitForSynced(watcher)
    const socket = await openRawSocket(s.wsUrl)
    expect(await authenticateRaw(socket, name(), who().token)).toEqual({ ok: true, scope: 'readonly' })
    expect(await sendUpdate(socket, name(), foreignItemUpdate(watcher.doc, 'written by a reader'))).toBe(
      false,
    )
    socket.close()

    const fresh = client(name(), facilitator.token)
    await waitForSynced(fresh)
    expect(fresh.doc.getMap('items').has('intruder')).toBe(false)
    expect(watcher.doc.getMap('items').has('intruder')).toBe(false)
  })

  it('a member writes the meeting document (the same update is applied)', async () => {
    const watcher = client(`meeting/${meetingId}`, facilitator.token)
    await waitForSynced(watcher)
    const socket = await openRawSocket(s.wsUrl)
    await authenticateRaw(socket, `meeting/${meetingId}`, member.token)
    expect(
      await sendUpdate(socket, `meeting/${meetingId}`, foreignItemUpdate(watcher.doc, 'by a member')),
    ).toBe(true)
    socket.close()
    await waitForDoc(
      watcher,
      (doc) => readAgenda(doc).some((i) => i.title === 'by a member'),
      'the member’s item',
    )
  })
})

describe('[A6] access changes reach live connections', () => {
  function closedWith(c: TestClient): Promise<number> {
    return new Promise((resolve) => {
      c.provider.configuration.websocketProvider.on('close', ({ event }: { event: CloseEvent }) =>
        resolve(event.code),
      )
    })
  }

  it('a removed member is disconnected at once and cannot come back', async () => {
    const person = await signUp(s.url, 'Leaving teacher')
    await join(facilitator, communityId, person, 'member')
    const tab = client(`meeting/${meetingId}`, person.token)
    await waitForSynced(tab)
    const closed = closedWith(tab)
    const denied = waitForDenied(tab)

    const removedAt = Date.now()
    expect(
      (await facilitator.api.delete(`/api/communities/${communityId}/members/${person.id}`)).status,
    ).toBe(204)
    expect(await closed).toBe(CloseCode.accessChanged)
    expect(Date.now() - removedAt).toBeLessThan(1_000)
    expect(await denied).toBe(DenyReason.unknownDocument)
  })

  it('a member lowered to observer reconnects read-only', async () => {
    const person = await signUp(s.url, 'Lowered teacher')
    await join(facilitator, communityId, person, 'member')
    const tab = client(`meeting/${meetingId}`, person.token)
    await waitForSynced(tab)
    expect(tab.provider.authorizedScope).toBe('read-write')
    const closed = closedWith(tab)

    await facilitator.api.patch(`/api/communities/${communityId}/members/${person.id}`, { role: 'observer' })
    expect(await closed).toBe(CloseCode.accessChanged)
    await until(
      () => tab.provider.isSynced && tab.provider.authorizedScope === 'readonly',
      (recheck) => {
        tab.provider.on('synced', recheck)
        return () => tab.provider.off('synced', recheck)
      },
      'the reconnection to be read-only',
    )
  })

  it('logging out closes the sockets that session opened', async () => {
    const person = await signUp(s.url, 'Logging out')
    await join(facilitator, communityId, person, 'member')
    const socket = await openRawSocket(s.wsUrl, { origin: s.url, cookie: person.api.cookie ?? '' })
    expect(await authenticateRaw(socket, `meeting/${meetingId}`, '')).toMatchObject({ ok: true })
    const closed = new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)))
    await person.api.post('/api/auth/logout')
    expect(await closed).toBe(CloseCode.accessChanged)
  })
})

describe('[A7] awareness is sanitized', () => {
  it('a client cannot rename itself, add fields, or speak for another client', async () => {
    const alice = client(`meeting/${meetingId}`, facilitator.token)
    const bob = client(`meeting/${meetingId}`, member.token)
    await Promise.all([waitForSynced(alice), waitForSynced(bob)])

    bob.provider.awareness?.setLocalState({
      user: { name: 'The Principal', color: 'javascript:alert(1)' },
      admin: true,
      idle: false,
    })
    const bobId = bob.doc.clientID
    const seen = () => alice.provider.awareness?.getStates().get(bobId) as Record<string, unknown> | undefined
    await waitForAwareness(alice, () => seen() !== undefined, 'alice to see bob')
    expect(seen()).toEqual({ user: { id: member.id, name: 'Member', color: '#64748b' }, idle: false })

    // A third connection claims Bob's client id: dropped; its own id is accepted.
    const socket = await openRawSocket(s.wsUrl)
    await authenticateRaw(socket, `meeting/${meetingId}`, observer.token)
    const spoofDoc = new Y.Doc()
    spoofDoc.clientID = bobId
    const spoof = new Awareness(spoofDoc)
    spoof.setLocalState({ user: { name: 'Bob is leaving', color: '#000000' } })
    const ownDoc = new Y.Doc()
    const own = new Awareness(ownDoc)
    own.setLocalState({ user: { name: 'whatever', color: '#112233' } })
    for (const [aw, id] of [
      [spoof, bobId],
      [own, ownDoc.clientID],
    ] as const) {
      socket.send(
        frame(`meeting/${meetingId}`, MessageType.Awareness, (e) =>
          encoding.writeVarUint8Array(e, encodeAwarenessUpdate(aw, [id])),
        ),
      )
    }
    const observerSeen = () => alice.provider.awareness?.getStates().get(ownDoc.clientID)
    await waitForAwareness(alice, () => observerSeen() !== undefined, 'alice to see the observer')
    expect(observerSeen()).toEqual({ user: { id: observer.id, name: 'Observer', color: '#112233' } })
    expect(seen()).toEqual({ user: { id: member.id, name: 'Member', color: '#64748b' }, idle: false })
    socket.close()
  })

  it('a connection speaks for up to four client ids of its own, however often it renewed its state', async () => {
    const documentName = `meeting/${meetingId}`
    const alice = client(documentName, facilitator.token)
    await waitForSynced(alice)
    const socket = await openRawSocket(s.wsUrl)
    await authenticateRaw(socket, documentName, observer.token)
    // Five awarenesses on one socket, as a provider re-created five times in one tab would have.
    const tabs = Array.from({ length: 5 }, () => new Awareness(new Y.Doc()))
    const [first] = tabs
    if (!first) throw new Error('no tabs')
    const announce = (tab: Awareness, color: string) => {
      tab.setLocalState({ user: { name: 'Observer', color } })
      socket.send(
        frame(documentName, MessageType.Awareness, (e) =>
          encoding.writeVarUint8Array(e, encodeAwarenessUpdate(tab, [tab.clientID])),
        ),
      )
    }
    try {
      // Renewals of an id already held claim nothing new.
      for (const color of ['#000001', '#000002', '#000003']) announce(first, color)
      for (const tab of tabs.slice(1)) announce(tab, '#112233')
      // Messages are handled in order: once this renewal shows, everything before it was handled.
      announce(first, '#abcdef')
      const colorOf = (tab: Awareness) =>
        (alice.provider.awareness?.getStates().get(tab.clientID)?.user as { color?: string } | undefined)
          ?.color
      await waitForAwareness(alice, () => colorOf(first) === '#abcdef', 'alice to see the last renewal')
      expect(tabs.slice(1).map(colorOf)).toEqual(['#112233', '#112233', '#112233', undefined])
    } finally {
      for (const tab of tabs) tab.doc.destroy()
      socket.close()
    }
  })
})

describe('notes still flow for members', () => {
  it('member and facilitator see each other’s typing', async () => {
    const a = client(`meeting/${meetingId}`, facilitator.token)
    const b = client(`meeting/${meetingId}`, member.token)
    await Promise.all([waitForSynced(a), waitForSynced(b)])
    typeParagraph(b.doc, 'member note')
    await waitForDoc(a, (doc) => paragraphs(doc).includes('member note'), 'the member’s note')
  })
})

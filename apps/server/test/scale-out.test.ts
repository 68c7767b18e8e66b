/**
 * Two server processes (here two instances in this process, each with its own stores, pool and
 * Redis connections) on one PostgreSQL database and one Redis: what a client of one does reaches
 * the clients of the other. The kill -9 failover with real child processes is in
 * scale-out-failover.test.ts.
 */
import { addAgendaItem, addNorm, CloseCode, readAgenda, readNorms, readRun } from '@confer/model'
import * as decoding from 'lib0/decoding'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import * as Y from 'yjs'
import { join, meetingFixture, rolesFixture, signUp } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForAwareness,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { paragraphs, typeParagraph } from '../../../test/support/notes.ts'
import { freePort } from '../../../test/support/services/free-port.ts'
import {
  type FreshDatabase,
  type FreshRedis,
  freshDatabase,
  freshRedis,
} from '../../../test/support/services/fresh.ts'
import { until } from '../../../test/support/wait.ts'
import { authenticateRaw, MessageType, openRawSocket, sendUpdate, whenClosed } from './raw-socket.ts'
import { nextEvent, type RunningServer, startServer } from './test-server.ts'

let database: FreshDatabase
let redis: FreshRedis
/** The two processes every test shares; a test needing another kind starts its own. */
let a: RunningServer
let b: RunningServer
const clients: TestClient[] = []
const sockets: WebSocket[] = []
const extraServers: RunningServer[] = []

function linked(env: Record<string, string> = {}, overrides = {}): Promise<RunningServer> {
  return startServer({
    env: { DATABASE_URL: database.url, REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix, ...env },
    overrides,
  })
}

beforeAll(async () => {
  database = await freshDatabase()
  redis = freshRedis()
  // A low per-account limit, so the shared-limit test needs few (slow, scrypt) log-ins.
  a = await linked({ AUTH_ACCOUNT_RATE_LIMIT: '4' })
  b = await linked({ AUTH_ACCOUNT_RATE_LIMIT: '4' })
})
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of sockets.splice(0)) s.close()
  for (const s of extraServers.splice(0)) await s.close()
})
afterAll(async () => {
  await a?.close()
  await b?.close()
  await redis?.clear()
  await database?.drop()
})

function client(server: RunningServer, name: string, token: string): TestClient {
  const c = connectClient(server.wsUrl, name, token)
  clients.push(c)
  return c
}

async function rawSocket(server: RunningServer, name: string, token: string): Promise<WebSocket> {
  const socket = await openRawSocket(server.wsUrl)
  sockets.push(socket)
  expect(await authenticateRaw(socket, name, token)).toMatchObject({ ok: true })
  return socket
}

/** The Yjs clients whose structs a frame about `name` carries (a sync step 2 or an update). */
function updateWriters(data: Uint8Array, name: string): number[] {
  const decoder = decoding.createDecoder(data)
  if (decoding.readVarString(decoder) !== name || decoding.readVarUint(decoder) !== MessageType.Sync)
    return []
  if (decoding.readVarUint(decoder) === 0) return []
  const update = decoding.readVarUint8Array(decoder)
  return Y.decodeUpdate(update).structs.map((struct) => struct.id.client)
}

/** Whether two documents hold the same updates (the same clock for every client). */
function sameState(x: Y.Doc, y: Y.Doc): boolean {
  const [sx, sy] = [Y.decodeStateVector(Y.encodeStateVector(x)), Y.decodeStateVector(Y.encodeStateVector(y))]
  return sx.size === sy.size && [...sx].every(([client, clock]) => sy.get(client) === clock)
}

const hasParagraph = (text: string) => (doc: Y.Doc) => paragraphs(doc).includes(text)

describe('documents across processes', () => {
  it('[R1] an edit on one process reaches the clients of both; the sender is not sent it back', async () => {
    const { owner, meetingId } = await meetingFixture(a.url)
    const name = `meeting/${meetingId}`
    const onA = client(a, name, owner.token)
    const onB = client(b, name, owner.token)
    await Promise.all([onA, onB].map((c) => waitForSynced(c)))

    typeParagraph(onA.doc, 'from A')
    await waitForDoc(onB, hasParagraph('from A'), 'the client on B to get the edit made on A')
    typeParagraph(onB.doc, 'from B')
    await waitForDoc(onA, hasParagraph('from B'), 'the client on A to get the edit made on B')
    await Promise.all([onA, onB].map((c) => waitForAcknowledged(c)))
    expect(paragraphs(onA.doc)).toEqual(paragraphs(onB.doc))
  })

  it('[R1][D5] a sender on one process is not sent its own update back, through Redis or otherwise', async () => {
    const { owner, meetingId } = await meetingFixture(a.url)
    const name = `meeting/${meetingId}`
    const sender = await rawSocket(a, name, owner.token)
    const writers = new Set<number>()
    sender.on('message', (data: Buffer) => {
      for (const client of updateWriters(new Uint8Array(data), name)) writers.add(client)
    })
    const neighbour = client(a, name, owner.token)
    const onB = client(b, name, owner.token)
    await Promise.all([neighbour, onB].map((c) => waitForSynced(c)))

    const mine = new Y.Doc()
    mine.getText('probe').insert(0, 'from a raw socket')
    expect(await sendUpdate(sender, name, Y.encodeStateAsUpdate(mine))).toBe(true)
    const arrived = (doc: Y.Doc) => doc.getText('probe').toString() === 'from a raw socket'
    await waitForDoc(onB, arrived, 'the client on B to get the raw update')
    await waitForDoc(neighbour, arrived, 'the other client on A to get it')
    // Something after it that the sender must get: B's edit, which went through Redis too.
    onB.doc.getText('probe').insert(0, 'B: ')
    await until(
      () => writers.has(onB.doc.clientID),
      (recheck) => {
        sender.on('message', recheck)
        return () => sender.off('message', recheck)
      },
      'the sender to get the edit made on B',
    )
    expect(writers.has(mine.clientID)).toBe(false)
  })

  it('[R1] agenda, notes and charter edited on both processes at once converge', async () => {
    const { owner, communityId, meetingId } = await meetingFixture(a.url)
    const meeting = `meeting/${meetingId}`
    const charter = `community/${communityId}/charter`
    const [meetingA, meetingB, charterA, charterB] = [
      client(a, meeting, owner.token),
      client(b, meeting, owner.token),
      client(a, charter, owner.token),
      client(b, charter, owner.token),
    ]
    await Promise.all([meetingA, meetingB, charterA, charterB].map((c) => waitForSynced(c)))
    for (let i = 0; i < 10; i++) {
      typeParagraph(meetingA.doc, `a ${i}`)
      typeParagraph(meetingB.doc, `b ${i}`)
    }
    addAgendaItem(meetingA.doc, { title: 'Item from A' })
    addAgendaItem(meetingB.doc, { title: 'Item from B' })
    addNorm(charterA.doc, 'Norm from A')
    addNorm(charterB.doc, 'Norm from B')
    const converged = (x: TestClient, y: TestClient) => {
      const same = () => sameState(x.doc, y.doc)
      return until(
        same,
        (recheck) => {
          x.doc.on('update', recheck)
          y.doc.on('update', recheck)
          return () => {
            x.doc.off('update', recheck)
            y.doc.off('update', recheck)
          }
        },
        'both processes’ clients to hold the same document',
      )
    }
    await Promise.all([converged(meetingA, meetingB), converged(charterA, charterB)])
    expect(paragraphs(meetingA.doc)).toEqual(paragraphs(meetingB.doc))
    expect(paragraphs(meetingA.doc)).toHaveLength(20)
    expect(readAgenda(meetingB.doc).map((item) => item.title)).toEqual(
      readAgenda(meetingA.doc).map((item) => item.title),
    )
    expect(readAgenda(meetingA.doc).map((item) => item.title)).toEqual(
      expect.arrayContaining(['Item from A', 'Item from B']),
    )
    expect(
      readNorms(charterB.doc)
        .map((n) => n.text)
        .sort(),
    ).toEqual(['Norm from A', 'Norm from B'])
    expect(readNorms(charterA.doc)).toEqual(readNorms(charterB.doc))
  })

  it('[R1][D1] an edit reaches the other process at once, yet its sender is acknowledged only after its own process commits it', async () => {
    const held: (() => void)[] = []
    const holding = await linked({}, { scheduleCommit: (commit: () => void) => held.push(commit) })
    extraServers.push(holding)
    const { owner, meetingId } = await meetingFixture(b.url)
    const name = `meeting/${meetingId}`
    const sender = client(holding, name, owner.token)
    const reader = client(b, name, owner.token)
    await Promise.all([sender, reader].map((c) => waitForSynced(c)))
    // Loading committed nothing of the sender's yet: let whatever the load scheduled go.
    for (const commit of held.splice(0)) commit()

    typeParagraph(sender.doc, 'held back')
    await waitForDoc(reader, hasParagraph('held back'), 'the other process’ client to get the edit')
    expect(sender.provider.hasUnsyncedChanges).toBe(true)
    expect(held.length).toBeGreaterThan(0)

    for (const commit of held.splice(0)) commit()
    await waitForAcknowledged(sender)
  })

  it('[R1] a server-side edit (a facilitator’s run action over REST) reaches the clients of the other process', async () => {
    const { owner, meetingId } = await meetingFixture(a.url)
    const run = client(b, `meeting/${meetingId}/run`, owner.token)
    await waitForSynced(run)
    const started = await owner.api.post(`/api/meetings/${meetingId}/run`, {
      action: 'start',
      protocolId: 'tuning',
    })
    expect(started.status).toBe(200)
    await waitForDoc(
      run,
      (doc) => readRun(doc).state === 'running',
      'the run on B to show the round A started',
    )
    expect(readRun(run.doc)).toMatchObject({ protocolId: 'tuning', step: 0 })
    const paused = await owner.api.post(`/api/meetings/${meetingId}/run`, { action: 'pause' })
    expect(paused.status).toBe(200)
    await waitForDoc(run, (doc) => readRun(doc).state === 'paused', 'the run on B to show the pause')
  })

  it('[R1] a document opened on one process while the other has unsaved changes in memory shows them', async () => {
    const { owner, meetingId } = await meetingFixture(a.url)
    const name = `meeting/${meetingId}`
    const writer = client(a, name, owner.token)
    await waitForSynced(writer)
    typeParagraph(writer.doc, 'written on A')
    await waitForAcknowledged(writer)
    // B loads it now: from the store and from A.
    const reader = client(b, name, owner.token)
    await waitForSynced(reader)
    expect(paragraphs(reader.doc)).toContain('written on A')
  })
})

describe('presence across processes', () => {
  async function present(
    server: RunningServer,
    name: string,
    token: string,
    who: string,
  ): Promise<TestClient> {
    const c = client(server, name, token)
    await waitForSynced(c)
    c.provider.setAwarenessField('user', { name: who, color: '#336699' })
    return c
  }
  /** y-protocols would drop a silent client only after 30 s; one that left must go well before. */
  const gone = (watcher: TestClient, other: TestClient) =>
    until(
      () => !sees(watcher, other)(),
      (recheck) => {
        watcher.provider.awareness?.on('change', recheck)
        return () => watcher.provider.awareness?.off('change', recheck)
      },
      'the client that left to leave the other process’ presence',
      5_000,
    )
  const sees = (watcher: TestClient, other: TestClient) => () =>
    watcher.provider.awareness?.getStates().has(other.doc.clientID) === true

  it('[R4] a client that leaves its process (the last one there) leaves the other process’ presence at once', async () => {
    const { owner, meetingId } = await meetingFixture(a.url)
    const name = `meeting/${meetingId}`
    const leaving = await present(a, name, owner.token, 'Leaving')
    const watcher = await present(b, name, owner.token, 'Watcher')
    await waitForAwareness(watcher, sees(watcher, leaving), 'the watcher on B to see the client on A')

    leaving.destroy()
    await gone(watcher, leaving)
  })

  it('[R4] a client that leaves while others stay on its process leaves the other process’ presence at once', async () => {
    const { owner, meetingId } = await meetingFixture(a.url)
    const name = `meeting/${meetingId}`
    const leaving = await present(a, name, owner.token, 'Leaving')
    const staying = await present(a, name, owner.token, 'Staying')
    const watcher = await present(b, name, owner.token, 'Watcher')
    await waitForAwareness(
      watcher,
      () => sees(watcher, leaving)() && sees(watcher, staying)(),
      'B to see both',
    )

    leaving.destroy()
    await gone(watcher, leaving)
    expect(sees(watcher, staying)()).toBe(true)
  })
})

describe('domain events across processes', () => {
  it('[R2][A6] a role lowered on one process closes the member’s socket on the other with 4403', async () => {
    const f = await rolesFixture(a.url)
    const socket = await rawSocket(b, `meeting/${f.meetingId}`, f.member.token)
    const closed = whenClosed(socket)
    const lowered = await f.facilitator.api.patch(
      `/api/communities/${f.communityId}/members/${f.member.id}`,
      {
        role: 'observer',
      },
    )
    expect(lowered.status).toBe(200)
    expect((await closed).code).toBe(CloseCode.accessChanged)
  })

  it('[R2][A9] signing out everywhere on one process closes the account’s sockets on the other', async () => {
    const { owner, meetingId } = await meetingFixture(a.url)
    const onB = await rawSocket(b, `meeting/${meetingId}`, owner.token)
    const onA = await rawSocket(a, `meeting/${meetingId}`, owner.token)
    const closes = [whenClosed(onA), whenClosed(onB)]
    const out = await owner.api.post('/api/auth/logout-everywhere')
    expect(out.status).toBe(200)
    for (const closed of await Promise.all(closes)) expect(closed.code).toBe(CloseCode.accessChanged)
  })

  it('[R2] attendance recorded on one process is announced and answered on the other', async () => {
    const { owner, communityId, meetingId } = await meetingFixture(a.url)
    const member = await signUp(a.url, 'Attending member')
    await join(owner, communityId, member)
    const announced = nextEvent(a, 'attendanceChanged', (e) => e.meetingId === meetingId)
    const arriving = client(b, `meeting/${meetingId}`, member.token)
    await waitForSynced(arriving)
    await announced
    const answer = await owner.api.get<{ attendance: { userId: string; present: boolean }[] }>(
      `/api/meetings/${meetingId}/attendance`,
    )
    expect(answer.body.attendance).toContainEqual(
      expect.objectContaining({ userId: member.id, present: true }),
    )
  })

  it('[R2] an event is not echoed back to the process it came from', async () => {
    const { owner, meetingId } = await meetingFixture(a.url)
    let heardOnA = 0
    const count = (e: { meetingId: string }) => {
      if (e.meetingId === meetingId) heardOnA++
    }
    a.server.services.events.on('attendanceChanged', count)
    const onB = nextEvent(b, 'attendanceChanged', (e) => e.meetingId === meetingId)
    try {
      const arriving = client(a, `meeting/${meetingId}`, owner.token)
      await waitForSynced(arriving)
      await onB
      // A round trip through Redis after B heard it: an echo would have reached A by now.
      const again = nextEvent(b, 'attendanceChanged', (e) => e.meetingId === 'probe')
      a.server.services.events.emit('attendanceChanged', { meetingId: 'probe' })
      await again
      expect(heardOnA).toBe(1)
    } finally {
      a.server.services.events.off('attendanceChanged', count)
    }
  })
})

describe('rate limits across processes', () => {
  it('[R3][W3] failed log-ins to one account count on every process', async () => {
    const person = await signUp(a.url, 'Guessed')
    const attempt = (server: RunningServer) =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ email: person.email, password: 'wrong guess, again' }),
      })
    // AUTH_ACCOUNT_RATE_LIMIT is 4 here: two guesses on each process use it up.
    for (let i = 0; i < 2; i++) {
      expect((await attempt(a)).status).toBe(401)
      expect((await attempt(b)).status).toBe(401)
    }
    const refusedOnA = await attempt(a)
    expect(refusedOnA.status).toBe(429)
    expect(await refusedOnA.json()).toMatchObject({ error: 'too_many_requests' })
    expect((await attempt(b)).status).toBe(429)
  })
})

describe('operating the link', () => {
  it('[R6][O2] /api/ready names redis, and Redis errors are counted, when Redis does not answer', async () => {
    expect((await fetch(`${a.url}/api/ready`)).status).toBe(200)
    const nowhere = `redis://127.0.0.1:${await freePort()}`
    const cut = await startServer({
      env: { DATABASE_URL: database.url, REDIS_URL: nowhere, METRICS_ENABLED: 'true' },
    })
    extraServers.push(cut)
    const ready = await fetch(`${cut.url}/api/ready`)
    expect(ready.status).toBe(503)
    expect(await ready.json()).toEqual({ error: 'not_ready', message: expect.stringContaining('redis') })
    const metrics = await (await fetch(`${cut.url}/api/metrics`)).text()
    const errors = Number(/^confer_redis_errors_total (\d+)/m.exec(metrics)?.[1])
    expect(errors).toBeGreaterThan(0)
  })
})

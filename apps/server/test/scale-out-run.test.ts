/**
 * Facilitation across processes (SPEC F1, R7): two processes on one PostgreSQL and one Redis
 * apply the actions on one meeting's round one at a time, each from the state the one before it
 * left, whichever process each request reaches.
 */
import { type RunState, readRun } from '@confer/model'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient, meetingFixture, type Person } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { freePort } from '../../../test/support/services/free-port.ts'
import {
  connectRedis,
  type FreshDatabase,
  type FreshRedis,
  freshDatabase,
  freshRedis,
} from '../../../test/support/services/fresh.ts'
import { RedisSync } from '../src/collab/extensions/redis-sync.ts'
import { redisLockKey } from '../src/scale-out/redis-lock.ts'
import { runLockKey } from '../src/services/run-service.ts'
import { type RunningServer, startServer } from './test-server.ts'

let database: FreshDatabase
let redis: FreshRedis
let a: RunningServer
let b: RunningServer
const clients: TestClient[] = []
const extraServers: RunningServer[] = []

beforeAll(async () => {
  database = await freshDatabase()
  redis = freshRedis()
  const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix }
  a = await startServer({ env })
  b = await startServer({ env })
})
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of extraServers.splice(0)) await s.close()
})
afterAll(async () => {
  await a?.close()
  await b?.close()
  await redis?.clear()
  await database?.drop()
})

type RunResponse = { run: RunState; error?: string; message?: string }

/** The facilitator of a fresh meeting, acting on process A (cookie) and on process B (bearer). */
interface Round {
  owner: Person
  meetingId: string
  onA: ApiClient
  onB: ApiClient
}

/** A meeting whose community runs its own protocol of `steps` one-minute steps. */
async function round(steps: number): Promise<Round & { protocolId: string }> {
  const { owner, communityId, meetingId } = await meetingFixture(a.url)
  const onB = new ApiClient(b.url)
  onB.bearer = owner.token
  const saved = await owner.api.post<{ protocol: { id: string } }>(
    `/api/communities/${communityId}/protocols`,
    {
      name: 'Long round',
      purpose: '',
      steps: Array.from({ length: steps }, (_, i) => ({
        title: `Step ${i + 1}`,
        minutes: 1,
        speaker: 'everyone',
        prompt: '',
        presenterSilent: false,
        perMember: false,
      })),
    },
  )
  expect(saved.status).toBe(201)
  return { owner, meetingId, onA: owner.api, onB, protocolId: saved.body.protocol.id }
}

const act = (api: ApiClient, meetingId: string, body: unknown) =>
  api.post<RunResponse>(`/api/meetings/${meetingId}/run`, body)

function watch(server: RunningServer, who: Person, meetingId: string): TestClient {
  const c = connectClient(server.wsUrl, `meeting/${meetingId}/run`, who.token)
  clients.push(c)
  return c
}

/** The run lock's key in Redis, as both processes name it. */
const lockKey = (meetingId: string) => redisLockKey(redis.prefix, runLockKey(meetingId))

/**
 * Holds back the document changes `server` receives through Redis, as a slow link would, until
 * the returned function is called: its live documents lag behind what the others committed.
 */
function holdRedisDelivery(server: RunningServer): () => void {
  const sync = server.server.hocuspocus.configuration.extensions.find((e) => e instanceof RedisSync)
  if (!(sync instanceof RedisSync)) throw new Error('the server is not linked through Redis')
  const socket = sync.sub.stream
  socket.pause()
  return () => socket.resume()
}

async function lockHeld(meetingId: string): Promise<boolean> {
  const client = connectRedis(redis.url)
  try {
    return (await client.exists(lockKey(meetingId))) === 1
  } finally {
    client.disconnect()
  }
}

describe('[F1][R7] one action at a time per meeting, across processes', () => {
  it('[F1][R7] concurrent "next" actions split across both processes each move the round one step, and every client converges', async () => {
    const perProcess = 8
    const { owner, meetingId, onA, onB, protocolId } = await round(2 * perProcess + 4)
    // Readers on both processes: their live documents are what a lagging process would act on.
    const readers = [watch(a, owner, meetingId), watch(b, owner, meetingId)]
    await Promise.all(readers.map((r) => waitForSynced(r)))
    expect((await act(onA, meetingId, { action: 'start', protocolId })).status).toBe(200)
    await Promise.all(
      readers.map((r) => waitForDoc(r, (doc) => readRun(doc).state === 'running', 'the round to start')),
    )

    const nexts = await Promise.all(
      Array.from({ length: 2 * perProcess }, (_, i) => act(i % 2 ? onB : onA, meetingId, { action: 'next' })),
    )
    expect(nexts.map((r) => r.status)).toEqual(nexts.map(() => 200))
    // Each action moved the round on from where the one before it left it: no step twice.
    expect(nexts.map((r) => r.body.run.step).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 2 * perProcess }, (_, i) => i + 1),
    )
    const last = nexts.find((r) => r.body.run.step === 2 * perProcess)?.body.run
    for (const reader of readers) {
      await waitForDoc(
        reader,
        (doc) => readRun(doc).step === 2 * perProcess,
        'the last step on both processes',
      )
      expect(readRun(reader.doc)).toEqual(last)
    }
    // A client that opens the round now, on either process, sees the same.
    for (const server of [a, b]) {
      const late = watch(server, owner, meetingId)
      await waitForSynced(late)
      expect(readRun(late.doc)).toEqual(last)
    }
  })

  it('[F1][R7] a process whose Redis delivery lags acts from the state the other process committed', async () => {
    const { owner, meetingId, onA, onB, protocolId } = await round(5)
    const onBsLive = watch(b, owner, meetingId)
    await waitForSynced(onBsLive)
    expect((await act(onA, meetingId, { action: 'start', protocolId })).status).toBe(200)
    await waitForDoc(onBsLive, (doc) => readRun(doc).state === 'running', 'B to see the round start')

    const release = holdRedisDelivery(b)
    try {
      expect(await act(onA, meetingId, { action: 'next' })).toMatchObject({
        status: 200,
        body: { run: { step: 1 } },
      })
      // B's live document has not heard of A's step: B reads what A committed, and moves on from it.
      const fromB = await act(onB, meetingId, { action: 'next' })
      expect(fromB).toMatchObject({ status: 200, body: { run: { step: 2 } } })
    } finally {
      release()
    }
    const reader = watch(a, owner, meetingId)
    for (const client of [reader, onBsLive]) {
      await waitForDoc(client, (doc) => readRun(doc).step === 2, 'both processes to show step 3')
    }
    expect(readRun(reader.doc)).toEqual(readRun(onBsLive.doc))
  })

  it('[F1][R7] an action refused with 409 releases the lock at once, and the other process acts', async () => {
    const { meetingId, onA, onB, protocolId } = await round(5)
    expect((await act(onA, meetingId, { action: 'start', protocolId })).status).toBe(200)
    for (const api of [onA, onB, onA]) {
      expect(await act(api, meetingId, { action: 'resume' })).toMatchObject({
        status: 409,
        body: { error: 'invalid_transition' },
      })
      expect(await lockHeld(meetingId)).toBe(false)
    }
    // Released, not left to expire: a leaked lock would stay in Redis for its whole lease.
    expect(await act(onB, meetingId, { action: 'next' })).toMatchObject({
      status: 200,
      body: { run: { step: 1 } },
    })
    expect(await lockHeld(meetingId)).toBe(false)
  })

  it('[F1][R7] a lock whose holder died expires with its lease, and the action then applies', async () => {
    const { meetingId, onA, onB, protocolId } = await round(5)
    expect((await act(onA, meetingId, { action: 'start', protocolId })).status).toBe(200)
    const client = connectRedis(redis.url)
    try {
      // A process that took the lock and was killed before releasing it.
      expect(await client.set(lockKey(meetingId), 'a crashed process', 'PX', 800, 'NX')).toBe('OK')
    } finally {
      client.disconnect()
    }
    const next = await act(onB, meetingId, { action: 'next' })
    expect(next).toMatchObject({ status: 200, body: { run: { step: 1 } } })
    expect(await lockHeld(meetingId)).toBe(false)
  })

  it('[F1][R7] while Redis does not answer, an action is refused with 503 and the round is unchanged', async () => {
    const { owner, meetingId, onA, protocolId } = await round(5)
    expect((await act(onA, meetingId, { action: 'start', protocolId })).status).toBe(200)
    const cut = await startServer({
      env: { DATABASE_URL: database.url, REDIS_URL: `redis://127.0.0.1:${await freePort()}` },
    })
    extraServers.push(cut)
    const onCut = new ApiClient(cut.url)
    onCut.bearer = owner.token
    const refused = await act(onCut, meetingId, { action: 'next' })
    expect(refused).toMatchObject({ status: 503, body: { error: 'unavailable' } })
    expect(refused.body.message).toMatch(/try again/i)
    const reader = watch(a, owner, meetingId)
    await waitForSynced(reader)
    expect(readRun(reader.doc)).toMatchObject({ state: 'running', step: 0 })
  })
})

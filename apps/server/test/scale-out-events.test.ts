/**
 * Two server processes on one PostgreSQL database and one Redis, beyond document edits (those are
 * in scale-out.test.ts): presence, domain events and rate limits reach across them, and the link
 * to Redis is watched.
 */
import { CloseCode } from '@confer/model'
import { describe, expect, it } from 'vitest'
import { join, meetingFixture, rolesFixture, signUp } from '../../../test/support/api-client.ts'
import { type TestClient, waitForAwareness, waitForSynced } from '../../../test/support/collab-clients.ts'
import { freePort } from '../../../test/support/services/free-port.ts'
import { until } from '../../../test/support/wait.ts'
import { whenClosed } from './raw-socket.ts'
import { a, b, client, database, extraServers, rawSocket } from './scale-out-support.ts'
import { nextEvent, type RunningServer, startServer } from './test-server.ts'

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

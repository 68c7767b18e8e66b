import type { Meeting, MeetingView } from '@confer/api'
import { addGoal, CloseCode, DenyReason, goalsArray, readPlan } from '@confer/model'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import * as Y from 'yjs'
import {
  ApiClient,
  createCommunity,
  createMeeting,
  join,
  type Person,
  type RolesFixture,
  rolesFixture,
  signUp,
} from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { type AuthOutcome, authenticateRaw, openRawSocket, sendUpdate, whenClosed } from './raw-socket.ts'
import { type RunningServer, startServer } from './test-server.ts'

/**
 * Issue 28, targeted networking: a community presents its plan, read-only, to the guests of a
 * meeting it opened to its network (SPEC G5–G7). Everyone else's access to the plan is as before.
 */
let s: RunningServer
let host: RolesFixture
/** A member of another community of the host's network. */
let guest: Person
/** A member of a community in another network only. */
let elsewhere: Person
let planName: string
const GOAL = 'Raise reading fluency in grade 5'
const clients: TestClient[] = []
const sockets: WebSocket[] = []
/** Meetings a test shared the plan through: unshared after it, so the next starts with none. */
const sharing: string[] = []

beforeAll(async () => {
  s = await startServer()
  host = await rolesFixture(s.url, 'Lincoln literacy')
  planName = `community/${host.communityId}/plan`
  const network = await host.facilitator.api.post<{ network: { id: string } }>('/api/networks', {
    name: 'County literacy network',
    communityId: host.communityId,
  })
  const invite = await host.facilitator.api.post<{ code: string }>(
    `/api/networks/${network.body.network.id}/invites`,
  )
  const other = await signUp(s.url, 'Roosevelt facilitator')
  const otherCommunity = await createCommunity(other, 'Roosevelt literacy')
  const accepted = await other.api.post(`/api/network-invites/${invite.body.code}/accept`, {
    communityId: otherCommunity,
  })
  expect(accepted.status).toBe(200)
  guest = await signUp(s.url, 'Guest teacher')
  await join(other, otherCommunity, guest, 'member')
  elsewhere = await signUp(s.url, 'Elsewhere teacher')
  await elsewhere.api.post('/api/networks', {
    name: 'Other network',
    communityId: await createCommunity(elsewhere, 'Elsewhere literacy'),
  })

  // The host's plan has a goal before anyone presents it.
  const writer = await open(planName, host.member)
  addGoal(writer.doc, { statement: GOAL })
  await waitForAcknowledged(writer)
  writer.destroy()
})
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const socket of sockets.splice(0)) socket.terminate()
  // A meeting closed to the network meanwhile answers 400: it shares nothing either way.
  for (const id of sharing.splice(0)) await patch(host.facilitator, id, { sharesPlan: false })
})
afterAll(() => s.close())

async function open(documentName: string, who: Person): Promise<TestClient> {
  const c = connectClient(s.wsUrl, documentName, who.token)
  clients.push(c)
  await waitForSynced(c)
  return c
}

async function rawSocket(): Promise<WebSocket> {
  const socket = await openRawSocket(s.wsUrl)
  sockets.push(socket)
  return socket
}

async function verdict(documentName: string, who: Person): Promise<AuthOutcome> {
  return authenticateRaw(await rawSocket(), documentName, who.token)
}

/** A meeting of the host's, opened to the network with `guestRole` (or kept closed). */
async function hostMeeting(guestRole: 'member' | 'observer' | null = 'member'): Promise<string> {
  const meetingId = await createMeeting(host.facilitator, host.communityId, 'Targeted networking')
  if (guestRole) {
    const opened = await host.facilitator.api.put(`/api/meetings/${meetingId}/network-access`, { guestRole })
    expect(opened.status).toBe(200)
  }
  return meetingId
}

function patch(who: Person | ApiClient, meetingId: string, body: unknown) {
  const client = who instanceof ApiClient ? who : who.api
  return client.patch<{ meeting: Meeting }>(`/api/meetings/${meetingId}`, body)
}

async function sharedMeeting(guestRole: 'member' | 'observer' = 'member'): Promise<string> {
  const meetingId = await hostMeeting(guestRole)
  const shared = await patch(host.facilitator, meetingId, { sharesPlan: true })
  sharing.push(meetingId)
  expect(shared).toMatchObject({ status: 200, body: { meeting: { sharesPlan: true } } })
  return meetingId
}

describe('[G5] a facilitator shares the plan with a meeting open to the network', () => {
  it('[G5] sharesPlan is false by default, set and cleared by the facilitator, and in the meeting JSON for everyone in it', async () => {
    const meetingId = await hostMeeting()
    const before = await host.member.api.get<MeetingView>(`/api/meetings/${meetingId}`)
    expect(before.body.meeting.sharesPlan).toBe(false)

    expect(await patch(host.facilitator, meetingId, { sharesPlan: true })).toMatchObject({
      status: 200,
      body: { meeting: { id: meetingId, sharesPlan: true } },
    })
    for (const who of [host.member, host.observer, guest]) {
      const view = await who.api.get<MeetingView>(`/api/meetings/${meetingId}`)
      expect(view.body.meeting.sharesPlan).toBe(true)
    }
    expect(await patch(host.facilitator, meetingId, { sharesPlan: false })).toMatchObject({
      status: 200,
      body: { meeting: { sharesPlan: false } },
    })
  })

  it('[G5] [I1] a meeting not open to a network cannot share the plan (400), and a non-boolean is refused', async () => {
    const closed = await hostMeeting(null)
    const res = await patch(host.facilitator, closed, { sharesPlan: true })
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid_request' } })
    expect((res.body as unknown as { message: string }).message).toMatch(/open to/)
    expect(
      (await host.facilitator.api.get<MeetingView>(`/api/meetings/${closed}`)).body.meeting.sharesPlan,
    ).toBe(false)
    const open = await hostMeeting()
    for (const sharesPlan of ['yes', 1, null]) {
      expect(await patch(host.facilitator, open, { sharesPlan })).toMatchObject({
        status: 400,
        body: { error: 'invalid_request' },
      })
    }
  })

  it('[G5] [A1] [A2] [A3] who may set it: members and observers 403, guests and outsiders the A1 404, no credential 401', async () => {
    const meetingId = await hostMeeting()
    for (const who of [host.member, host.observer]) {
      expect(await patch(who, meetingId, { sharesPlan: true })).toMatchObject({
        status: 403,
        body: { error: 'forbidden' },
      })
    }
    const unknown = await patch(host.outsider, 'nosuchmeeting123', { sharesPlan: true })
    for (const who of [guest, host.outsider, elsewhere]) {
      const res = await patch(who, meetingId, { sharesPlan: true })
      expect(res).toMatchObject({ status: 404, body: { error: 'not_found' } })
      expect(res.body).toEqual(unknown.body)
    }
    expect(await patch(new ApiClient(s.url), meetingId, { sharesPlan: true })).toMatchObject({
      status: 401,
      body: { error: 'unauthenticated' },
    })
    const view = await host.facilitator.api.get<MeetingView>(`/api/meetings/${meetingId}`)
    expect(view.body.meeting.sharesPlan).toBe(false)
  })

  it('[G5] closing the meeting to the network stops sharing: opening it again does not share the plan by itself', async () => {
    const meetingId = await sharedMeeting()
    await host.facilitator.api.put(`/api/meetings/${meetingId}/network-access`, { guestRole: null })
    const reopened = await host.facilitator.api.put<MeetingView>(
      `/api/meetings/${meetingId}/network-access`,
      {
        guestRole: 'observer',
      },
    )
    expect(reopened.body.meeting.sharesPlan).toBe(false)
  })
})

describe('[G6] guests of a meeting that shares the plan read it', () => {
  it('[G6] [A4] a guest (let in as a member) reads the shared plan read-only: their update never reaches storage or the others', async () => {
    await sharedMeeting('member')
    expect(await verdict(planName, guest)).toEqual({ ok: true, scope: 'readonly' })
    const reader = await open(planName, guest)
    expect(readPlan(reader.doc).goals.map((g) => g.statement)).toEqual([GOAL])

    const watcher = await open(planName, host.member)
    const socket = await rawSocket()
    expect(await authenticateRaw(socket, planName, guest.token)).toEqual({ ok: true, scope: 'readonly' })
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(watcher.doc))
    const before = Y.encodeStateVector(copy)
    const entry = new Y.Map<unknown>()
    entry.set('id', 'byGuest00000001')
    entry.set('statement', 'A guest goal')
    goalsArray(copy).push([entry])
    expect(await sendUpdate(socket, planName, Y.encodeStateAsUpdate(copy, before))).toBe(false)

    const fresh = await open(planName, host.facilitator)
    const stored = new Y.Doc()
    for (const update of (await s.server.services.documents.load(planName)).updates)
      Y.applyUpdate(stored, update)
    for (const doc of [watcher.doc, fresh.doc, reader.doc, stored]) {
      expect(readPlan(doc).goals.map((g) => g.id)).not.toContain('byGuest00000001')
    }
  })

  it('[G6] [PL3] [A1] refused as for an unknown id while no meeting shares it: not shared, closed to the network, or cancelled', async () => {
    // A meeting open to the network that does not share the plan lets the guest into it, not the plan.
    const notShared = await hostMeeting()
    expect(await verdict(`meeting/${notShared}`, guest)).toMatchObject({ ok: true })
    expect(await verdict(planName, guest)).toEqual({ ok: false, reason: DenyReason.unknownDocument })

    const cancelled = await sharedMeeting()
    expect(await verdict(planName, guest)).toMatchObject({ ok: true })
    expect((await patch(host.facilitator, cancelled, { cancelled: true })).status).toBe(200)
    expect(await verdict(planName, guest)).toEqual({ ok: false, reason: DenyReason.unknownDocument })
    // Un-cancelled, it shares again.
    expect((await patch(host.facilitator, cancelled, { cancelled: false })).status).toBe(200)
    expect(await verdict(planName, guest)).toMatchObject({ ok: true })
    expect((await patch(host.facilitator, cancelled, { sharesPlan: false })).status).toBe(200)
    expect(await verdict(planName, guest)).toEqual({ ok: false, reason: DenyReason.unknownDocument })
  })

  it('[G6] [PL3] people outside the network stay refused, and member and observer rows are unchanged', async () => {
    const meetingId = await sharedMeeting()
    for (const who of [host.outsider, elsewhere]) {
      expect(await verdict(planName, who)).toEqual({ ok: false, reason: DenyReason.unknownDocument })
      expect(await verdict(`meeting/${meetingId}`, who)).toEqual({
        ok: false,
        reason: DenyReason.unknownDocument,
      })
    }
    expect(await verdict(planName, host.facilitator)).toEqual({ ok: true, scope: 'read-write' })
    expect(await verdict(planName, host.member)).toEqual({ ok: true, scope: 'read-write' })
    expect(await verdict(planName, host.observer)).toEqual({ ok: true, scope: 'readonly' })
    // Only the plan of the community that shares it: the charter stays closed to guests.
    expect(await verdict(`community/${host.communityId}/charter`, guest)).toEqual({
      ok: false,
      reason: DenyReason.unknownDocument,
    })
  })

  it('[G6] [A1] its history and progress stay closed to guests (the A1 404)', async () => {
    await sharedMeeting()
    // The guest really reads the plan meanwhile: only its history and progress are closed.
    expect(await verdict(planName, guest)).toMatchObject({ ok: true })
    const unknownCommunity = 'nosuchcommunity1'
    for (const path of ['plan/versions', 'progress']) {
      const forbidden = await guest.api.get(`/api/communities/${host.communityId}/${path}`)
      const unknown = await guest.api.get(`/api/communities/${unknownCommunity}/${path}`)
      expect(forbidden).toMatchObject({ status: 404, body: { error: 'not_found' } })
      expect(forbidden.body).toEqual(unknown.body)
    }
  })
})

describe('[G7] [A6] the guests’ plan sockets close when sharing ends', () => {
  it.each([
    ['the facilitator unshares it', (id: string) => patch(host.facilitator, id, { sharesPlan: false })],
    [
      'the meeting is closed to the network',
      (id: string) => host.facilitator.api.put(`/api/meetings/${id}/network-access`, { guestRole: null }),
    ],
    ['the meeting is cancelled', (id: string) => patch(host.facilitator, id, { cancelled: true })],
  ])('[G7] %s: 4403 at once, refused on reconnecting; members stay', async (_, end) => {
    const meetingId = await sharedMeeting()
    const socket = await rawSocket()
    expect(await authenticateRaw(socket, planName, guest.token)).toMatchObject({ ok: true })
    // The guest's meeting socket is not the plan's: it stays while the meeting is open to them.
    const notes = await rawSocket()
    expect(await authenticateRaw(notes, `meeting/${meetingId}`, guest.token)).toMatchObject({ ok: true })
    const member = await rawSocket()
    expect(await authenticateRaw(member, planName, host.member.token)).toMatchObject({ ok: true })
    const closed = whenClosed(socket)

    const endedAt = Date.now()
    expect((await end(meetingId)).status).toBe(200)
    expect((await closed).code).toBe(CloseCode.accessChanged)
    expect(Date.now() - endedAt).toBeLessThan(1_000)
    expect(await verdict(planName, guest)).toEqual({ ok: false, reason: DenyReason.unknownDocument })
    // A second authentication on the member's socket proves the re-check had its turn.
    expect(
      await authenticateRaw(member, `community/${host.communityId}/charter`, host.member.token),
    ).toMatchObject({
      ok: true,
    })
    expect(member.readyState).toBe(member.OPEN)
  })

  it('[G7] a plan shared by two meetings stays open to their guests while one still shares it', async () => {
    const first = await sharedMeeting()
    const second = await sharedMeeting()
    const socket = await rawSocket()
    expect(await authenticateRaw(socket, planName, guest.token)).toMatchObject({ ok: true })
    expect((await patch(host.facilitator, first, { sharesPlan: false })).status).toBe(200)
    // The re-check ran (a later authentication on the same socket is answered after it).
    expect(await authenticateRaw(socket, `meeting/${second}`, guest.token)).toMatchObject({ ok: true })
    expect(socket.readyState).toBe(socket.OPEN)
    const closed = whenClosed(socket)
    expect((await patch(host.facilitator, second, { sharesPlan: false })).status).toBe(200)
    expect((await closed).code).toBe(CloseCode.accessChanged)
  })
})

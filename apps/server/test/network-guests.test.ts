import type { AttendanceEntry, NetworkInvitePreview, NetworkMeeting, NormsCheckSummary } from '@confer/api'
import { DenyReason } from '@confer/model'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  createCommunity,
  createMeeting,
  join,
  type Person,
  signUp,
} from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForDenied,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { openEventStream } from '../../../test/support/live-events.ts'
import { type RunningServer, startServer } from './test-server.ts'

/**
 * Issue 27: a member of another community of a network finds the meeting opened to them, knows
 * which network an invitation leads to, and takes part: attendance and the closing norms check.
 */
let s: RunningServer
let host: Person
let guest: Person
let otherNetworkMember: Person
let outsider: Person
let hostCommunity: string
let guestCommunity: string
let networkId: string
let inviteCode: string
const clients: TestClient[] = []

beforeAll(async () => {
  s = await startServer()
  host = await signUp(s.url, 'Host facilitator')
  hostCommunity = await createCommunity(host, 'Lincoln math')
  const created = await host.api.post<{ network: { id: string } }>('/api/networks', {
    name: 'County math network',
    communityId: hostCommunity,
  })
  networkId = created.body.network.id
  const invite = await host.api.post<{ code: string }>(`/api/networks/${networkId}/invites`)
  inviteCode = invite.body.code

  const otherFacilitator = await signUp(s.url, 'Roosevelt facilitator')
  guestCommunity = await createCommunity(otherFacilitator, 'Roosevelt math')
  const accepted = await otherFacilitator.api.post(`/api/network-invites/${inviteCode}/accept`, {
    communityId: guestCommunity,
  })
  expect(accepted.status).toBe(200)
  guest = await signUp(s.url, 'Guest teacher')
  await join(otherFacilitator, guestCommunity, guest, 'member')

  // A member of a community in another network only: a guest of that network, not of this one.
  otherNetworkMember = await signUp(s.url, 'Elsewhere teacher')
  const elsewhere = await createCommunity(otherNetworkMember, 'Elsewhere math')
  await otherNetworkMember.api.post('/api/networks', { name: 'Other network', communityId: elsewhere })
  outsider = await signUp(s.url, 'Outsider')

  const starter = await host.api.post(`/api/communities/${hostCommunity}/charter/starter`, {
    starterId: 'starter-essentials',
  })
  expect(starter.status).toBe(204)
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(() => s.close())

function track(c: TestClient): TestClient {
  clients.push(c)
  return c
}

async function openMeeting(title: string, guestRole: 'member' | 'observer' | null): Promise<string> {
  const meetingId = await createMeeting(host, hostCommunity, title)
  const res = await host.api.put(`/api/meetings/${meetingId}/network-access`, { guestRole })
  expect(res.status).toBe(200)
  return meetingId
}

const guestList = async (who: Person) =>
  (await who.api.get<{ meetings: NetworkMeeting[] }>('/api/me/network-meetings')).body.meetings
const networkList = (who: Person) =>
  who.api.get<{ meetings: NetworkMeeting[] }>(`/api/networks/${networkId}/meetings`)

describe('finding the meetings opened to me', () => {
  it('G1: a guest sees an opened meeting on their home and network lists, with where it comes from', async () => {
    const closed = await openMeeting('Closed planning', null)
    const opened = await openMeeting('Targeted networking', 'member')
    const cancelled = await openMeeting('Cancelled session', 'observer')
    await host.api.patch(`/api/meetings/${cancelled}`, { cancelled: true })

    const mine = await guestList(guest)
    expect(mine.map((m) => m.id)).toContain(opened)
    expect(mine.map((m) => m.id)).not.toContain(closed)
    expect(mine.map((m) => m.id)).not.toContain(cancelled)
    expect(mine.find((m) => m.id === opened)).toMatchObject({
      title: 'Targeted networking',
      communityId: hostCommunity,
      communityName: 'Lincoln math',
      networkGuestRole: 'member',
      guest: true,
      network: { id: networkId, name: 'County math network' },
    })
    // The listed meeting really opens for them.
    expect((await guest.api.get(`/api/meetings/${opened}`)).status).toBe(200)

    const onNetworkPage = await networkList(guest)
    expect(onNetworkPage.status).toBe(200)
    expect(onNetworkPage.body.meetings.find((m) => m.id === opened)).toMatchObject({ guest: true })
    // The host sees its own opened meeting on the network page, not as a guest; not on its guest list.
    const hostView = await networkList(host)
    expect(hostView.body.meetings.find((m) => m.id === opened)).toMatchObject({ guest: false })
    expect((await guestList(host)).map((m) => m.id)).not.toContain(opened)

    // Closing it again takes it off the guest's list.
    await host.api.put(`/api/meetings/${opened}/network-access`, { guestRole: null })
    expect((await guestList(guest)).map((m) => m.id)).not.toContain(opened)
  })

  it('G1: outsiders and guests of another network get 404 for the network list and see nothing', async () => {
    const opened = await openMeeting('Network session', 'observer')
    for (const who of [outsider, otherNetworkMember]) {
      expect(await networkList(who)).toMatchObject({ status: 404, body: { error: 'not_found' } })
      expect((await guestList(who)).map((m) => m.id)).not.toContain(opened)
    }
    const anonymous = await fetch(`${s.url}/api/me/network-meetings`)
    expect(anonymous.status).toBe(401)
  })
})

describe('the network invitation', () => {
  it('G2: names the network and who invited, before anyone accepts', async () => {
    const res = await fetch(`${s.url}/api/network-invites/${inviteCode}`)
    expect(res.status).toBe(200)
    const { invite } = (await res.json()) as { invite: NetworkInvitePreview }
    expect(invite).toMatchObject({ network: { name: 'County math network' }, invitedBy: 'Host facilitator' })
  })
})

describe('taking part as a guest', () => {
  it('G3: a guest who opens the meeting is in its attendance; the facilitator can correct it', async () => {
    const meetingId = await openMeeting('Attendance session', 'observer')
    const stream = await openEventStream(host.api)
    try {
      await waitForSynced(track(connectClient(s.wsUrl, `meeting/${meetingId}`, guest.token)))
      await stream.next((e) => e.type === 'attendance' && e.meetingId === meetingId)
    } finally {
      stream.close()
    }
    const attendance = () =>
      host.api.get<{ attendance: AttendanceEntry[] }>(`/api/meetings/${meetingId}/attendance`)
    expect((await attendance()).body.attendance.find((a) => a.userId === guest.id)).toEqual({
      userId: guest.id,
      name: 'Guest teacher',
      role: 'observer',
      present: true,
      source: 'presence',
      guest: true,
    })
    const corrected = await host.api.put<{ attendance: AttendanceEntry[] }>(
      `/api/meetings/${meetingId}/attendance`,
      { userId: guest.id, present: false },
    )
    expect(corrected.body.attendance.find((a) => a.userId === guest.id)).toMatchObject({
      present: false,
      source: 'manual',
    })
    // The attendance list stays the community's record: a guest still cannot read it.
    expect((await guest.api.get(`/api/meetings/${meetingId}/attendance`)).status).toBe(404)
    // Someone who may not open the meeting cannot be marked.
    const outsiderMark = await host.api.put(`/api/meetings/${meetingId}/attendance`, {
      userId: outsider.id,
      present: true,
    })
    expect(outsiderMark.status).toBe(404)
  })

  it('G4: a guest let in as a member answers the norms check and is counted; the charter stays closed', async () => {
    const meetingId = await openMeeting('Norms session', 'member')
    const check = await guest.api.get<NormsCheckSummary>(`/api/meetings/${meetingId}/norms-check`)
    expect(check.status).toBe(200)
    const [first] = check.body.norms
    if (!first) throw new Error('the starter charter has norms')
    const answered = await guest.api.put<NormsCheckSummary>(`/api/meetings/${meetingId}/norms-check`, {
      ratings: [{ normId: first.normId, rating: 4, comment: 'Felt welcome' }],
    })
    expect(answered.status).toBe(200)
    expect(answered.body.mine).toEqual([{ normId: first.normId, rating: 4, comment: 'Felt welcome' }])
    const seenByHost = await host.api.get<NormsCheckSummary>(`/api/meetings/${meetingId}/norms-check`)
    expect(seenByHost.body.respondents).toBe(1)
    expect(seenByHost.body.norms.find((n) => n.normId === first.normId)).toMatchObject({
      average: 4,
      count: 1,
      comments: ['Felt welcome'],
    })
    // Answering the check does not open the host's charter to them.
    expect(
      await waitForDenied(track(connectClient(s.wsUrl, `community/${hostCommunity}/charter`, guest.token))),
    ).toBe(DenyReason.unknownDocument)
    expect((await guest.api.post(`/api/communities/${hostCommunity}/charter/affirm`, {})).status).toBe(404)
  })

  it('G4: guests let in to observe read the norms check but cannot answer it; others get 404', async () => {
    const meetingId = await openMeeting('Observed session', 'observer')
    const check = await guest.api.get<NormsCheckSummary>(`/api/meetings/${meetingId}/norms-check`)
    expect(check.status).toBe(200)
    const normId = check.body.norms[0]?.normId
    const rate = (who: Person) =>
      who.api.put(`/api/meetings/${meetingId}/norms-check`, { ratings: [{ normId, rating: 3 }] })
    expect(await rate(guest)).toMatchObject({ status: 403, body: { error: 'forbidden' } })
    expect((await rate(otherNetworkMember)).status).toBe(404)
    expect((await otherNetworkMember.api.get(`/api/meetings/${meetingId}/norms-check`)).status).toBe(404)
  })
})

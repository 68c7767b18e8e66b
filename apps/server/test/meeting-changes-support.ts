/**
 * The set-up the meeting-change tests share (meeting-changes: PATCH; live-events: the event
 * stream): one server, the roles fixture of one community, and scheduling, patching and letting
 * a network guest into a meeting. Importing it registers the hooks in the importing file.
 */
import type { Meeting } from '@confer/api'
import { afterAll, beforeAll, expect } from 'vitest'
import {
  createCommunity,
  join,
  type Person,
  type RolesFixture,
  rolesFixture,
  signUp,
} from '../../../test/support/api-client.ts'
import { type RunningServer, startServer } from './test-server.ts'

export const HOUR = 3_600_000

export let s: RunningServer
export let f: RolesFixture

beforeAll(async () => {
  s = await startServer()
  f = await rolesFixture(s.url, 'Math PLC')
})
afterAll(async () => {
  await s.close()
})

export async function schedule(person: Person, communityId: string, startsAt = Date.now() + 24 * HOUR) {
  const res = await person.api.post<{ meeting: Meeting }>(`/api/communities/${communityId}/meetings`, {
    title: 'Data dig',
    startsAt: new Date(startsAt).toISOString(),
    durationMinutes: 45,
  })
  expect(res.status).toBe(201)
  return res.body.meeting
}

export const patch = (person: Person, meetingId: string, body: unknown) =>
  person.api.patch<{ meeting: Meeting } & { error: string; message: string }>(
    `/api/meetings/${meetingId}`,
    body,
  )

/** A member of another community of a network the host community is in, let into `meetingId`. */
export async function networkGuestOf(
  host: Person,
  hostCommunity: string,
  meetingId: string,
): Promise<Person> {
  const otherFacilitator = await signUp(s.url, 'Visiting facilitator')
  const otherCommunity = await createCommunity(otherFacilitator, 'Roosevelt math')
  const network = await host.api.post<{ network: { id: string } }>('/api/networks', {
    name: 'District math network',
    communityId: hostCommunity,
  })
  const invite = await host.api.post<{ code: string }>(`/api/networks/${network.body.network.id}/invites`)
  await otherFacilitator.api.post(`/api/network-invites/${invite.body.code}/accept`, {
    communityId: otherCommunity,
  })
  const guest = await signUp(s.url, 'Guest teacher')
  await join(otherFacilitator, otherCommunity, guest, 'member')
  const opened = await host.api.put(`/api/meetings/${meetingId}/network-access`, { guestRole: 'observer' })
  expect(opened.status).toBe(200)
  return guest
}

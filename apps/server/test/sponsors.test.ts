import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { CommunityProgress, Me, NetworkInvitePreview, NetworkProgress } from '@confer/api'
import { DenyReason } from '@confer/model'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  ApiClient,
  createCommunity,
  createMeeting,
  join,
  type Person,
  signUp,
} from '../../../test/support/api-client.ts'
import { connectClient, type TestClient, waitForDenied } from '../../../test/support/collab-clients.ts'
import { hashSecret } from '../src/services/secrets.ts'
import { DATABASE_FILE } from '../src/stores/sqlite/database.ts'
import { type RunningServer, startServer } from './test-server.ts'

/**
 * Issue 28: sponsors (a principal, a district lead) follow the progress of every community in a
 * network and see nothing else (SPEC PR4); who may read progress at all (PR1, A1, A2).
 */
let s: RunningServer
/** Facilitates Lincoln (in the network) and Unlinked (not in it). */
let facilitator: Person
let member: Person
let observer: Person
/** Facilitates Roosevelt, the network's other community. */
let otherFacilitator: Person
/** A member of Roosevelt, let into a Lincoln meeting as a network guest. */
let guest: Person
let outsider: Person
let sponsor: Person
/** Sponsors another network only. */
let elsewhereSponsor: Person
let lincoln: string
let roosevelt: string
let unlinked: string
let networkId: string
let meetingId: string
const clients: TestClient[] = []

async function sponsorInvite(by: Person, network: string): Promise<string> {
  const res = await by.api.post<{ code: string; expiresAt: string }>(
    `/api/networks/${network}/sponsor-invites`,
  )
  expect(res.status).toBe(201)
  return res.body.code
}

async function becomeSponsor(person: Person, code: string): Promise<void> {
  expect((await person.api.post(`/api/network-invites/${code}/accept`)).status).toBe(200)
}

async function network(by: Person, name: string, communityId: string): Promise<string> {
  const res = await by.api.post<{ network: { id: string } }>('/api/networks', { name, communityId })
  expect(res.status).toBe(201)
  return res.body.network.id
}

beforeAll(async () => {
  s = await startServer()
  const people = await Promise.all(
    [
      'Fatima Facilitator',
      'Marcus Member',
      'Olive Observer',
      'Rosa Facilitator',
      'Guest Teacher',
      'Otto Outsider',
      'Priya Principal',
      'Dana District',
    ].map((name) => signUp(s.url, name)),
  )
  ;[facilitator, member, observer, otherFacilitator, guest, outsider, sponsor, elsewhereSponsor] = people as [
    Person,
    Person,
    Person,
    Person,
    Person,
    Person,
    Person,
    Person,
  ]
  lincoln = await createCommunity(facilitator, 'Lincoln math')
  unlinked = await createCommunity(facilitator, 'Unlinked team')
  await join(facilitator, lincoln, member, 'member')
  await join(facilitator, lincoln, observer, 'observer')
  await createCommunity(outsider, 'Outsider school')
  networkId = await network(facilitator, 'County math', lincoln)

  roosevelt = await createCommunity(otherFacilitator, 'Roosevelt math')
  const invite = await facilitator.api.post<{ code: string }>(`/api/networks/${networkId}/invites`)
  const joined = await otherFacilitator.api.post(`/api/network-invites/${invite.body.code}/accept`, {
    communityId: roosevelt,
  })
  expect(joined.status).toBe(200)
  await join(otherFacilitator, roosevelt, guest, 'member')
  meetingId = await createMeeting(facilitator, lincoln, 'Targeted networking')
  const opened = await facilitator.api.put(`/api/meetings/${meetingId}/network-access`, {
    guestRole: 'member',
  })
  expect(opened.status).toBe(200)

  await becomeSponsor(sponsor, await sponsorInvite(facilitator, networkId))
  const elsewhere = await network(outsider, 'Elsewhere', await createCommunity(outsider, 'Elsewhere team'))
  await becomeSponsor(elsewhereSponsor, await sponsorInvite(outsider, elsewhere))
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(() => s.close())

/** A client whose bearer token has expired (the stored expiry moved into the past). */
async function expiredClient(): Promise<ApiClient> {
  const person = await signUp(s.url, 'Expired')
  const db = new DatabaseSync(path.join(s.dataDir, DATABASE_FILE))
  try {
    db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(
      Date.now() - 1,
      hashSecret(person.token),
    )
  } finally {
    db.close()
  }
  const client = new ApiClient(s.url, { origin: null })
  client.bearer = person.token
  return client
}

/** Who gets what: the statuses a route answers each kind of caller. */
async function expectMatrix(
  method: string,
  route: (id: string) => string,
  id: string,
  unknownId: string,
  allowed: Person[],
  forbidden: Person[],
  strangers: Person[],
): Promise<void> {
  for (const person of allowed) {
    const res = await person.api.request(method, route(id))
    expect(res.status, `${person.name} ${method} ${route(id)}`).toBe(method === 'POST' ? 201 : 200)
  }
  for (const person of forbidden) {
    expect(await person.api.request(method, route(id)), person.name).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    })
  }
  for (const person of strangers) {
    const hidden = await person.api.request(method, route(id))
    const unknown = await person.api.request(method, route(unknownId))
    expect(hidden, person.name).toMatchObject({ status: 404, body: { error: 'not_found' } })
    expect(hidden.body, person.name).toEqual(unknown.body)
  }
  for (const client of [new ApiClient(s.url), await expiredClient()]) {
    expect(await client.request(method, route(id))).toMatchObject({
      status: 401,
      body: { error: 'unauthenticated' },
    })
  }
}

describe('[A1] [A2] [PR4] who may read progress and invite sponsors', () => {
  it('GET /api/communities/:id/progress: its members of every role and its network sponsors', async () => {
    await expectMatrix(
      'GET',
      (id) => `/api/communities/${id}/progress`,
      lincoln,
      'nosuchcommunity1',
      [facilitator, member, observer, sponsor],
      [],
      // A network guest sees the meeting they were let into, not the community's progress.
      [guest, otherFacilitator, outsider, elsewhereSponsor],
    )
  })

  it("GET /api/networks/:id/progress: its communities' facilitators and its sponsors; their other members 403", async () => {
    await expectMatrix(
      'GET',
      (id) => `/api/networks/${id}/progress`,
      networkId,
      'nosuchnetwork001',
      [facilitator, otherFacilitator, sponsor],
      [member, observer, guest],
      [outsider, elsewhereSponsor],
    )
  })

  it('POST /api/networks/:id/sponsor-invites: facilitators of a community in it; sponsors see no network', async () => {
    await expectMatrix(
      'POST',
      (id) => `/api/networks/${id}/sponsor-invites`,
      networkId,
      'nosuchnetwork001',
      [facilitator, otherFacilitator],
      [member, observer, guest],
      [outsider, sponsor, elsewhereSponsor],
    )
  })
})

describe('sponsors', () => {
  it('[PR4] a sponsor invitation names the network and who made it; accepting it with no body makes a sponsor, and /api/me says so', async () => {
    const newcomer = await signUp(s.url, 'Vera Superintendent')
    const code = await sponsorInvite(otherFacilitator, networkId)
    const preview = await new ApiClient(s.url, { origin: null }).get<{ invite: NetworkInvitePreview }>(
      `/api/network-invites/${code}`,
    )
    expect(preview.status).toBe(200)
    expect(preview.body.invite).toMatchObject({
      network: { name: 'County math' },
      invitedBy: 'Rosa Facilitator',
      kind: 'sponsor',
    })
    expect((await newcomer.api.get<Me>('/api/me')).body.sponsoring).toEqual([])

    const accepted = await newcomer.api.post(`/api/network-invites/${code}/accept`)
    expect(accepted).toEqual({
      status: 200,
      body: { network: { id: networkId, name: 'County math' }, sponsor: true },
    })
    // Accepting twice changes nothing.
    expect((await newcomer.api.post(`/api/network-invites/${code}/accept`)).status).toBe(200)
    const me = await newcomer.api.get<Me>('/api/me')
    expect(me.body).toMatchObject({
      communities: [],
      sponsoring: [{ id: networkId, name: 'County math' }],
    })
    expect((await newcomer.api.get(`/api/communities/${roosevelt}/progress`)).status).toBe(200)
    // Members are sponsors of nothing.
    expect((await facilitator.api.get<Me>('/api/me')).body.sponsoring).toEqual([])
  })

  it('[PR4] a sponsor reads progress and nothing else: no community, meeting, document or network page', async () => {
    for (const path of [
      `/api/communities/${lincoln}`,
      `/api/communities/${lincoln}/meetings`,
      `/api/communities/${lincoln}/actions`,
      `/api/communities/${lincoln}/norms-trend`,
      `/api/communities/${lincoln}/charter/affirmations`,
      `/api/meetings/${meetingId}`,
      `/api/meetings/${meetingId}/summary.md`,
      `/api/meetings/${meetingId}/norms-check`,
      `/api/networks/${networkId}`,
      `/api/networks/${networkId}/meetings`,
    ]) {
      expect(await sponsor.api.get(path), path).toMatchObject({ status: 404, body: { error: 'not_found' } })
    }
    expect((await sponsor.api.post(`/api/networks/${networkId}/invites`)).status).toBe(404)
    expect(await sponsor.api.get('/api/networks')).toMatchObject({ status: 200, body: { networks: [] } })
    expect(await sponsor.api.get('/api/me/network-meetings')).toMatchObject({
      status: 200,
      body: { meetings: [] },
    })
    for (const name of [
      `meeting/${meetingId}`,
      `community/${lincoln}/charter`,
      `community/${lincoln}/plan`,
    ]) {
      const c = connectClient(s.wsUrl, name, sponsor.token)
      clients.push(c)
      expect(await waitForDenied(c), name).toBe(DenyReason.unknownDocument)
    }
    // What they do see: the progress of each community of the network.
    const progress = await sponsor.api.get<CommunityProgress>(`/api/communities/${lincoln}/progress`)
    expect(progress.status).toBe(200)
    expect(progress.body.meetings).toEqual({ held: 0, upcoming: 1 })
  })

  it('[PR4] network progress lists the communities linked to the network only, each with its progress', async () => {
    const res = await facilitator.api.get<NetworkProgress>(`/api/networks/${networkId}/progress`)
    expect(res.status).toBe(200)
    expect(res.body.network).toEqual({ id: networkId, name: 'County math' })
    expect(res.body.communities.map((c) => [c.id, c.name])).toEqual([
      [lincoln, 'Lincoln math'],
      [roosevelt, 'Roosevelt math'],
    ])
    const own = await facilitator.api.get<CommunityProgress>(`/api/communities/${lincoln}/progress`)
    expect(res.body.communities[0]?.progress).toEqual(own.body)
    // The facilitator's other community is theirs, not the network's: hidden from its sponsors.
    expect((await sponsor.api.get(`/api/communities/${unlinked}/progress`)).status).toBe(404)

    // Linked to another network, it is that network's sponsors' to follow, not this one's.
    const second = await network(facilitator, 'Second network', unlinked)
    const secondSponsor = await signUp(s.url, 'Second sponsor')
    await becomeSponsor(secondSponsor, await sponsorInvite(facilitator, second))
    const seen = await secondSponsor.api.get<NetworkProgress>(`/api/networks/${second}/progress`)
    expect(seen.body.communities.map((c) => c.name)).toEqual(['Unlinked team'])
    expect((await secondSponsor.api.get(`/api/communities/${lincoln}/progress`)).status).toBe(404)
    expect((await sponsor.api.get(`/api/communities/${unlinked}/progress`)).status).toBe(404)
  })

  it('[PR4] an expired sponsor invitation is refused; invitations of the other kind keep their rules', async () => {
    const latecomer = await signUp(s.url, 'Late sponsor')
    const code = await sponsorInvite(facilitator, networkId)
    const db = new DatabaseSync(path.join(s.dataDir, DATABASE_FILE))
    try {
      db.prepare('UPDATE sponsor_invites SET expires_at = ? WHERE code_hash = ?').run(
        Date.now() - 1,
        hashSecret(code),
      )
    } finally {
      db.close()
    }
    expect(await latecomer.api.post(`/api/network-invites/${code}/accept`)).toMatchObject({
      status: 410,
      body: { error: 'invite_expired' },
    })
    expect((await latecomer.api.get<Me>('/api/me')).body.sponsoring).toEqual([])

    // A sponsor link cannot bring a community in, and a community link makes no sponsor.
    const live = await sponsorInvite(facilitator, networkId)
    expect(
      (await outsider.api.post(`/api/network-invites/${live}/accept`, { communityId: unlinked })).status,
    ).toBe(404)
    const communityLink = await facilitator.api.post<{ code: string }>(`/api/networks/${networkId}/invites`)
    expect(await latecomer.api.post(`/api/network-invites/${communityLink.body.code}/accept`)).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    })
    expect((await latecomer.api.get<Me>('/api/me')).body.sponsoring).toEqual([])
  })
})

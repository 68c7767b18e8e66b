import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { CloseCode, DenyReason } from '@confer/model'
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
import { DATABASE_FILE } from '../src/stores/sqlite/database.ts'
import { type RunningServer, startServer } from './test-server.ts'

let s: RunningServer
let facilitator: Person
let communityId: string
const clients: TestClient[] = []

beforeAll(async () => {
  s = await startServer()
  facilitator = await signUp(s.url, 'Facilitator')
  communityId = await createCommunity(facilitator, 'Grade 2 team')
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(() => s.close())

async function invite(role: string): Promise<string> {
  const res = await facilitator.api.post<{ code: string; role: string }>(
    `/api/communities/${communityId}/invites`,
    {
      role,
    },
  )
  expect(res.status).toBe(201)
  return res.body.code
}

describe('invitations', () => {
  it('shows what the link offers before sign-up, and adds the person with its role', async () => {
    const code = await invite('observer')
    const preview = await fetch(`${s.url}/api/invites/${code}`).then((r) => r.json())
    expect(preview).toMatchObject({ invite: { communityName: 'Grade 2 team', role: 'observer' } })
    const principal = await signUp(s.url, 'Principal')
    const accepted = await principal.api.post(`/api/invites/${code}/accept`)
    expect(accepted).toMatchObject({ status: 200, body: { communityId, role: 'observer' } })
    const me = await principal.api.get<{ communities: unknown[] }>('/api/me')
    expect(me.body.communities).toEqual([{ id: communityId, name: 'Grade 2 team', role: 'observer' }])
  })

  it('accepting again never changes an existing role', async () => {
    const person = await signUp(s.url)
    await join(facilitator, communityId, person, 'member')
    const code = await invite('observer')
    expect(await person.api.post(`/api/invites/${code}/accept`)).toMatchObject({ body: { role: 'member' } })
  })

  it('a revoked invitation no longer works', async () => {
    const code = await invite('member')
    const list = await facilitator.api.get<{ invites: { id: string }[] }>(
      `/api/communities/${communityId}/invites`,
    )
    const newest = list.body.invites[0]
    expect(newest).toBeDefined()
    expect(
      (await facilitator.api.delete(`/api/communities/${communityId}/invites/${newest?.id}`)).status,
    ).toBe(204)
    const person = await signUp(s.url)
    expect(await person.api.post(`/api/invites/${code}/accept`)).toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    })
  })

  it('an expired invitation says so (410)', async () => {
    const code = await invite('member')
    const db = new DatabaseSync(path.join(s.dataDir, DATABASE_FILE))
    db.prepare('UPDATE invites SET expires_at = ? WHERE community_id = ?').run(Date.now() - 1, communityId)
    db.close()
    const person = await signUp(s.url)
    expect(await person.api.post(`/api/invites/${code}/accept`)).toMatchObject({
      status: 410,
      body: { error: 'invite_expired' },
    })
  })

  it('an unknown code is a 404', async () => {
    const person = await signUp(s.url)
    expect((await person.api.post('/api/invites/abcdefghijklmnopqrstuvwxyz/accept')).status).toBe(404)
  })
})

describe('networks and guests', () => {
  it('a facilitator links communities; a meeting opened to the network admits guests read-only', async () => {
    const hostFacilitator = await signUp(s.url, 'Host facilitator')
    const hostCommunity = await createCommunity(hostFacilitator, 'Lincoln Elementary math')
    const meetingId = await createMeeting(hostFacilitator, hostCommunity, 'Targeted networking')
    const otherFacilitator = await signUp(s.url, 'Visiting facilitator')
    const otherCommunity = await createCommunity(otherFacilitator, 'Roosevelt math')

    const network = await hostFacilitator.api.post<{ network: { id: string } }>('/api/networks', {
      name: 'District math network',
      communityId: hostCommunity,
    })
    expect(network.status).toBe(201)
    const networkId = network.body.network.id
    // The other facilitator cannot see the network yet, so cannot add to it directly...
    expect(
      (
        await otherFacilitator.api.post(`/api/networks/${networkId}/communities`, {
          communityId: otherCommunity,
        })
      ).status,
    ).toBe(404)
    // ...but an invitation from the host brings their community in.
    const networkInvite = await hostFacilitator.api.post<{ code: string }>(
      `/api/networks/${networkId}/invites`,
    )
    expect(networkInvite.status).toBe(201)
    const added = await otherFacilitator.api.post<{ network: { communities: { name: string }[] } }>(
      `/api/network-invites/${networkInvite.body.code}/accept`,
      { communityId: otherCommunity },
    )
    expect(added.status).toBe(200)
    expect(added.body.network.communities.map((c) => c.name)).toEqual([
      'Lincoln Elementary math',
      'Roosevelt math',
    ])

    const guest = await signUp(s.url, 'Guest teacher')
    await join(otherFacilitator, otherCommunity, guest, 'member')
    const name = `meeting/${meetingId}`

    // Closed by default.
    expect((await guest.api.get(`/api/meetings/${meetingId}`)).status).toBe(404)
    expect(await waitForDenied(track(connectClient(s.wsUrl, name, guest.token)))).toBe(
      DenyReason.unknownDocument,
    )

    const opened = await hostFacilitator.api.put(`/api/meetings/${meetingId}/network-access`, {
      guestRole: 'observer',
    })
    expect(opened).toMatchObject({ status: 200, body: { meeting: { networkGuestRole: 'observer' } } })
    expect(await guest.api.get(`/api/meetings/${meetingId}`)).toMatchObject({
      status: 200,
      body: { role: 'observer', guest: true, communityName: 'Lincoln Elementary math' },
    })
    const tab = track(connectClient(s.wsUrl, name, guest.token))
    await waitForSynced(tab)
    expect(tab.provider.authorizedScope).toBe('readonly')
    // Guests see that one meeting, not the host community.
    expect((await guest.api.get(`/api/communities/${hostCommunity}`)).status).toBe(404)
    expect(
      await waitForDenied(track(connectClient(s.wsUrl, `community/${hostCommunity}/charter`, guest.token))),
    ).toBe(DenyReason.unknownDocument)

    // Closing the meeting again disconnects the guest.
    const closed = new Promise<number>((resolve) =>
      tab.provider.configuration.websocketProvider.on('close', ({ event }: { event: CloseEvent }) =>
        resolve(event.code),
      ),
    )
    await hostFacilitator.api.put(`/api/meetings/${meetingId}/network-access`, { guestRole: null })
    expect(await closed).toBe(CloseCode.accessChanged)
    expect(await waitForDenied(tab)).toBe(DenyReason.unknownDocument)
  })
})

function track(c: TestClient): TestClient {
  clients.push(c)
  return c
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createCommunity,
  createMeeting,
  join,
  type Person,
  rolesFixture,
  signUp,
} from '../../../test/support/api-client.ts'
import { type RunningServer, startServer } from './test-server.ts'

interface Context {
  protocol: { id: string; name: string; steps: { title: string }[] } | null
  people: { userId: string; name: string }[]
  presenter: { userId: string; name: string } | null
}
interface ErrorBody {
  error: string
  message: string
}

let s: RunningServer
let facilitator: Person
let member: Person
let observer: Person
/** A member of another school's community in the same network: a guest in the meeting. */
let guest: Person
/** Belongs to a community outside the network. */
let stranger: Person
let communityId: string
let meetingId: string

beforeAll(async () => {
  s = await startServer()
  const f = await rolesFixture(s.url, 'Lincoln math')
  ;({ facilitator, member, observer, communityId, meetingId } = f)
  const network = await facilitator.api.post<{ network: { id: string } }>('/api/networks', {
    name: 'District math network',
    communityId,
  })
  const invite = await facilitator.api.post<{ code: string }>(
    `/api/networks/${network.body.network.id}/invites`,
  )
  await f.outsider.api.post(`/api/network-invites/${invite.body.code}/accept`, {
    communityId: f.outsiderCommunityId,
  })
  guest = await signUp(s.url, 'Guest teacher')
  await join(f.outsider, f.outsiderCommunityId, guest, 'member')
  stranger = await signUp(s.url, 'Stranger')
  await createCommunity(stranger, 'Elsewhere')
  const opened = await facilitator.api.put(`/api/meetings/${meetingId}/network-access`, {
    guestRole: 'observer',
  })
  if (opened.status !== 200) throw new Error(`network access failed: ${JSON.stringify(opened.body)}`)
})
afterAll(() => s.close())

const contextOf = (who: Person, id = meetingId) =>
  who.api.get<Context & ErrorBody>(`/api/meetings/${id}/run/context`)
const act = async (body: unknown) => {
  const res = await facilitator.api.post(`/api/meetings/${meetingId}/run`, body)
  if (res.status !== 200) throw new Error(`run action failed: ${JSON.stringify(res.body)}`)
}

describe('[F2] the round named for everyone in the meeting', () => {
  it('an idle round has no protocol and an empty go-round', async () => {
    for (const who of [facilitator, observer, guest]) {
      expect(await contextOf(who)).toMatchObject({ status: 200, body: { protocol: null, people: [] } })
    }
  })

  it("a network guest gets the community's own protocol being run and the go-round's names", async () => {
    const saved = await member.api.post<{ protocol: { id: string } }>(
      `/api/communities/${communityId}/protocols`,
      {
        name: 'Our short tuning',
        purpose: 'Tuning in twenty minutes.',
        steps: [
          {
            title: 'Show the work',
            minutes: 5,
            speaker: 'presenter',
            prompt: '',
            presenterSilent: false,
            perMember: false,
          },
          {
            title: 'Warm and cool feedback',
            minutes: 10,
            speaker: 'each',
            prompt: '',
            presenterSilent: true,
            perMember: false,
          },
        ],
      },
    )
    expect(saved.status).toBe(201)
    // The guest cannot read the community's protocols or members themselves…
    expect((await guest.api.get(`/api/communities/${communityId}/protocols`)).status).toBe(404)
    expect((await guest.api.get(`/api/communities/${communityId}`)).status).toBe(404)

    await act({ action: 'speakers', userIds: [member.id, facilitator.id] })
    await act({ action: 'start', protocolId: saved.body.protocol.id })

    // …but in the meeting they see which protocol runs, with its steps, and who is in the go-round.
    const res = await contextOf(guest)
    expect(res.status).toBe(200)
    expect(res.body.protocol?.id).toBe(saved.body.protocol.id)
    expect(res.body.protocol?.name).toBe('Our short tuning')
    expect(res.body.protocol?.steps.map((step) => step.title)).toEqual([
      'Show the work',
      'Warm and cool feedback',
    ])
    expect(res.body.people).toEqual([
      { userId: member.id, name: 'Member' },
      { userId: facilitator.id, name: 'Facilitator' },
    ])
    // Members of the community read the same answer.
    expect((await contextOf(observer)).body).toEqual(res.body)
  })

  it('a built-in protocol is named too, and stopping the round clears it', async () => {
    await act({ action: 'stop' })
    const stopped = await contextOf(guest)
    expect(stopped.body.protocol).toBeNull()
    // The go-round order outlives the round, so its names are still given.
    expect(stopped.body.people.map((p) => p.name)).toEqual(['Member', 'Facilitator'])

    await act({ action: 'start', protocolId: 'tuning' })
    expect((await contextOf(guest)).body.protocol).toMatchObject({ id: 'tuning', name: 'Tuning Protocol' })
    await act({ action: 'stop' })
  })

  it("a network guest reads the protocols the meeting's agenda can link: the library and the community's own", async () => {
    type Listed = { builtIn: { id: string }[]; own: { name: string }[] } & ErrorBody
    const res = await guest.api.get<Listed>(`/api/meetings/${meetingId}/protocols`)
    expect(res.status).toBe(200)
    expect(res.body.own.map((p) => p.name)).toContain('Our short tuning')
    expect(res.body.builtIn.map((p) => p.id)).toContain('tuning')
    // Members get the same list as from the community's own route.
    const ofCommunity = await member.api.get<Listed>(`/api/communities/${communityId}/protocols`)
    expect((await member.api.get<Listed>(`/api/meetings/${meetingId}/protocols`)).body).toEqual(
      ofCommunity.body,
    )
    const refused = await stranger.api.get<Listed>(`/api/meetings/${meetingId}/protocols`)
    expect(refused).toMatchObject({ status: 404, body: { error: 'not_found' } })
  })

  it('[A1] people outside the meeting get the same 404 as for a meeting that does not exist', async () => {
    const forbidden = await contextOf(stranger)
    const unknown = await contextOf(stranger, 'nosuchmeeting123')
    expect(forbidden.status).toBe(404)
    expect(forbidden.body.error).toBe('not_found')
    expect(forbidden.body.message.length).toBeGreaterThan(0)
    expect(forbidden.body).toEqual(unknown.body)
    expect(unknown.status).toBe(404)
  })

  it('[F4] a network guest may present and take a turn in the go-round, named for everyone; a stranger may not', async () => {
    const refuse = (body: unknown) => facilitator.api.post<ErrorBody>(`/api/meetings/${meetingId}/run`, body)
    for (const body of [
      { action: 'presenter', userId: stranger.id },
      { action: 'speakers', userIds: [member.id, stranger.id] },
      { action: 'start', protocolId: 'tuning', presenterId: stranger.id },
    ]) {
      expect(await refuse(body)).toMatchObject({ status: 400, body: { error: 'invalid_request' } })
    }
    await act({ action: 'presenter', userId: guest.id })
    await act({ action: 'speakers', userIds: [guest.id, member.id] })
    await act({ action: 'start', protocolId: 'tuning' })
    const named = { userId: guest.id, name: 'Guest teacher' }
    for (const who of [member, observer, guest]) {
      const res = await contextOf(who)
      expect(res.body.presenter).toEqual(named)
      expect(res.body.people).toEqual([named, { userId: member.id, name: 'Member' }])
    }
  })

  it('a guest loses it when the meeting is closed to the network again', async () => {
    const otherMeeting = await createMeeting(facilitator, communityId, 'Closed meeting')
    expect((await contextOf(guest, otherMeeting)).status).toBe(404)
    await facilitator.api.put(`/api/meetings/${meetingId}/network-access`, { guestRole: null })
    expect(await contextOf(guest)).toMatchObject({ status: 404, body: { error: 'not_found' } })
    // [F4] …and is no longer named as presenter or in the go-round, nor can be chosen again.
    const left = await contextOf(member)
    expect(left.body.presenter).toBeNull()
    expect(left.body.people).toEqual([{ userId: member.id, name: 'Member' }])
    const again = await facilitator.api.post(`/api/meetings/${meetingId}/run`, {
      action: 'presenter',
      userId: guest.id,
    })
    expect(again.status).toBe(400)
  })
})

import { call, type Person } from './accounts.ts'

type Role = 'facilitator' | 'member' | 'observer'

/** Set-up through the REST API, for tests whose subject is something else. */

export async function createCommunity(owner: Person, name = 'Grade 5 team', focus = ''): Promise<string> {
  const { community } = await call<{ community: { id: string } }>(owner.api, 'POST', '/api/communities', {
    name,
    focus,
  })
  return community.id
}

/** A meeting starting in an hour (so it is "upcoming"). */
export async function scheduleMeeting(
  owner: Person,
  communityId: string,
  title = 'Weekly PLC',
): Promise<string> {
  const startsAt = new Date(Date.now() + 3600_000).toISOString()
  const { meeting } = await call<{ meeting: { id: string } }>(
    owner.api,
    'POST',
    `/api/communities/${communityId}/meetings`,
    { title, startsAt, durationMinutes: 60 },
  )
  return meeting.id
}

export async function inviteCode(owner: Person, communityId: string, role: Role = 'member'): Promise<string> {
  const invite = await call<{ code: string }>(owner.api, 'POST', `/api/communities/${communityId}/invites`, {
    role,
  })
  return invite.code
}

export async function addMember(owner: Person, communityId: string, person: Person, role: Role = 'member') {
  await call(person.api, 'POST', `/api/invites/${await inviteCode(owner, communityId, role)}/accept`)
}

export interface MeetingSetup {
  communityId: string
  meetingId: string
}

/** A community the facilitator leads, with the others in it (members unless told), and one meeting. */
export async function meetingWith(
  facilitator: Person,
  others: (Person | { person: Person; role: Role })[] = [],
  title = 'Weekly PLC',
): Promise<MeetingSetup> {
  const communityId = await createCommunity(facilitator)
  // Side by side: members are listed by role and name, and a meeting reads its members when asked.
  const [meetingId] = await Promise.all([
    scheduleMeeting(facilitator, communityId, title),
    ...others.map((other) =>
      'role' in other
        ? addMember(facilitator, communityId, other.person, other.role)
        : addMember(facilitator, communityId, other),
    ),
  ])
  return { communityId, meetingId }
}

export async function userIdOf(person: Person): Promise<string> {
  const me = await call<{ user: { id: string } }>(person.api, 'GET', '/api/me')
  return me.user.id
}

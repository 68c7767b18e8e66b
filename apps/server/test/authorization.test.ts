import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient, join, type Person, rolesFixture, signUp } from '../../../test/support/api-client.ts'
import { hashSecret } from '../src/services/secrets.ts'
import { DATABASE_FILE } from '../src/stores/sqlite/database.ts'
import { type RunningServer, startServer } from './test-server.ts'

let s: RunningServer
let facilitator: Person
let member: Person
let observer: Person
let outsider: Person
let communityId: string
let otherCommunityId: string
let meetingId: string

beforeAll(async () => {
  s = await startServer()
  const f = await rolesFixture(s.url, 'Math PLC')
  ;({ facilitator, member, observer, outsider, communityId, meetingId } = f)
  otherCommunityId = f.outsiderCommunityId
})
afterAll(() => s.close())

/** [method, path with :community :meeting :member :observer :facilitator placeholders, body] */
type Call = [method: string, path: string, body?: unknown]

function resolve(path: string): string {
  return path
    .replace(':community', communityId)
    .replace(':meeting', meetingId)
    .replace(':member', member.id)
    .replace(':observer', observer.id)
    .replace(':facilitator', facilitator.id)
}

const communityRoutes: Call[] = [
  ['GET', '/api/communities/:community'],
  ['PATCH', '/api/communities/:community', { name: 'Renamed' }],
  ['PATCH', '/api/communities/:community/members/:member', { role: 'observer' }],
  ['DELETE', '/api/communities/:community/members/:member'],
  ['POST', '/api/communities/:community/invites', { role: 'member' }],
  ['GET', '/api/communities/:community/invites'],
  [
    'POST',
    '/api/communities/:community/meetings',
    { title: 'X', startsAt: '2026-12-01T15:00:00Z', durationMinutes: 45 },
  ],
  ['GET', '/api/communities/:community/meetings'],
  ['GET', '/api/meetings/:meeting'],
  ['GET', '/api/meetings/:meeting/run/context'],
  ['POST', '/api/meetings/:meeting/run', { action: 'presenter', userId: null }],
  ['GET', '/api/meetings/:meeting/protocols'],
  ['PUT', '/api/meetings/:meeting/network-access', { guestRole: 'observer' }],
  ['PATCH', '/api/meetings/:meeting', { title: 'Renamed meeting', cancelled: true }],
  // Showing the plan to a meeting's guests; guests themselves: targeted-networking.test.ts (G5).
  ['PATCH', '/api/meetings/:meeting', { sharesPlan: true }],
  ['PATCH', '/api/meetings/:meeting/actions/noSuchAction0001', { done: true }],
  // Every role of the community searches it; guests and outsiders do not (search.test.ts, Q2).
  ['GET', '/api/communities/:community/search?q=fractions'],
  // Exports (SPEC X1–X6); who of the community gets which: below.
  ['GET', '/api/meetings/:meeting/summary.html'],
  ['GET', '/api/meetings/:meeting/calendar.ics'],
  ['GET', '/api/communities/:community/actions.csv'],
  ['GET', '/api/communities/:community/export.zip'],
  ['GET', '/api/communities/:community/calendar-key'],
  ['POST', '/api/communities/:community/calendar-key'],
  // Sponsors of its networks read it too (sponsors.test.ts, PR4).
  ['GET', '/api/communities/:community/progress'],
  // Shared links and files; every role, guests and expired credentials: resources.test.ts (RS1).
  ['GET', '/api/communities/:community/resources'],
  ['POST', '/api/communities/:community/resources', { url: 'https://example.org/', title: 'A link' }],
  // The plan's history, as the charter's (SPEC PL3; roles on the document itself: plan.test.ts).
  ['GET', '/api/communities/:community/plan/versions'],
  ['POST', '/api/communities/:community/plan/versions/noSuchVersion001/restore'],
]

const facilitatorOnly: Call[] = [
  ['GET', '/api/communities/:community/calendar-key'],
  ['POST', '/api/communities/:community/calendar-key'],
  ['PATCH', '/api/communities/:community', { name: 'Renamed' }],
  ['PATCH', '/api/communities/:community/members/:observer', { role: 'member' }],
  // Removing someone else (anyone may remove themselves: that is leaving).
  ['DELETE', '/api/communities/:community/members/:facilitator'],
  ['POST', '/api/communities/:community/invites', { role: 'member' }],
  ['GET', '/api/communities/:community/invites'],
  [
    'POST',
    '/api/communities/:community/meetings',
    { title: 'X', startsAt: '2026-12-01T15:00:00Z', durationMinutes: 45 },
  ],
  ['PUT', '/api/meetings/:meeting/network-access', { guestRole: 'observer' }],
  ['POST', '/api/meetings/:meeting/run', { action: 'presenter', userId: null }],
  ['PATCH', '/api/meetings/:meeting', { title: 'Renamed meeting', cancelled: true }],
  ['PATCH', '/api/meetings/:meeting', { sharesPlan: true }],
]

const everyProtectedRoute: Call[] = [
  ['GET', '/api/me'],
  ['POST', '/api/auth/tokens', {}],
  ['POST', '/api/auth/logout-everywhere'],
  ['POST', '/api/communities', { name: 'New' }],
  ['GET', '/api/networks'],
  ['POST', '/api/networks', { name: 'Net', communityId: 'somecommunity01' }],
  ['POST', '/api/invites/abcdefghijklmnop/accept'],
  // Only the caller's own items, whoever asks (actions-sync.test.ts).
  ['GET', '/api/me/actions'],
  // Only meetings opened to the caller as a network guest (network-guests.test.ts, G1).
  ['GET', '/api/me/network-meetings'],
  // Only the caller's communities and guest meetings (search.test.ts, Q3).
  ['GET', '/api/search?q=fractions'],
  ['GET', '/api/networks/nosuchnetwork001/meetings'],
  // Network progress and sponsor invitations; who gets what: sponsors.test.ts (PR4).
  ['GET', '/api/networks/nosuchnetwork001/progress'],
  ['POST', '/api/networks/nosuchnetwork001/sponsor-invites'],
  // A live event stream; what it carries is per person and per event (meeting-changes.test.ts).
  ['GET', '/api/events'],
  ['GET', '/api/resources/nosuchresource01/content'],
  ['DELETE', '/api/resources/nosuchresource01'],
  ...communityRoutes,
]

const label = ([method, path]: Call) => `${method} ${path}`

describe('[A2] no session: 401 on every protected route', () => {
  it.each(everyProtectedRoute.map((c) => [label(c), c] as const))('%s', async (_, [method, path, body]) => {
    const res = await new ApiClient(s.url).request(method, resolve(path), body)
    expect(res).toMatchObject({ status: 401, body: { error: 'unauthenticated' } })
  })
})

describe('[A2] expired or revoked credential: 401 on every protected route', () => {
  // Each route revokes nothing it is not given: a fresh person per kind of dead credential.
  const dead: Record<string, () => Promise<ApiClient>> = {
    'expired token': async () => {
      const person = await signUp(s.url, 'Expired')
      const client = new ApiClient(s.url, { origin: null })
      client.bearer = person.token
      const db = new DatabaseSync(path.join(s.dataDir, DATABASE_FILE))
      try {
        db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(
          Date.now() - 1,
          hashSecret(person.token),
        )
      } finally {
        db.close()
      }
      return client
    },
    'revoked session': async () => {
      const person = await signUp(s.url, 'Revoked')
      const cookie = person.api.cookie
      await person.api.post('/api/auth/logout')
      const client = new ApiClient(s.url)
      client.cookie = cookie
      return client
    },
  }
  it.each(Object.keys(dead))('%s', async (kind) => {
    const client = await dead[kind]?.()
    if (!client) throw new Error(kind)
    for (const call of everyProtectedRoute) {
      const [method, path, body] = call
      const res = await client.request(method, resolve(path), body)
      expect(res, label(call)).toMatchObject({ status: 401, body: { error: 'unauthenticated' } })
    }
  })
})

describe('[A1] non-members: the same 404 as an unknown id', () => {
  it.each(communityRoutes.map((c) => [label(c), c] as const))('%s', async (_, [method, path, body]) => {
    const forbidden = await outsider.api.request(method, resolve(path), body)
    const unknown = await outsider.api.request(
      method,
      resolve(path.replace(':community', 'nosuchcommunity1').replace(':meeting', 'nosuchmeeting123')),
      body,
    )
    expect(forbidden).toMatchObject({ status: 404, body: { error: 'not_found' } })
    expect(unknown.status).toBe(404)
    expect(forbidden.body).toEqual(unknown.body)
  })
})

describe('[A3] members and observers cannot do what facilitators do', () => {
  it.each(facilitatorOnly.map((c) => [label(c), c] as const))('%s', async (_, [method, path, body]) => {
    for (const person of [member, observer]) {
      const res = await person.api.request(method, resolve(path), body)
      expect(res).toMatchObject({ status: 403, body: { error: 'forbidden' } })
    }
    const community = await facilitator.api.get<{ community: { name: string; members: unknown[] } }>(
      `/api/communities/${communityId}`,
    )
    expect(community.body.community.name).toBe('Math PLC')
    expect(community.body.community.members).toHaveLength(3)
  })
})

describe('[A3] [T3] observers read action items but do not tick them', () => {
  it('PATCH /api/meetings/:meeting/actions/:action', async () => {
    const path = resolve('/api/meetings/:meeting/actions/noSuchAction0001')
    expect(await observer.api.patch(path, { done: true })).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    })
    // Editors get past the door: this item does not exist.
    for (const person of [member, facilitator]) {
      expect(await person.api.patch(path, { done: true })).toMatchObject({
        status: 404,
        body: { error: 'not_found' },
      })
    }
  })
})

describe('[X1] [X2] [X5] [X6] who of the community gets which export', () => {
  // Downloads are not JSON: status only (the 4xx bodies are checked above).
  const statusFor = async (who: Person, path: string) =>
    (await fetch(`${s.url}${resolve(path)}`, { headers: { cookie: who.api.cookie ?? '' } })).status
  it.each([
    ['/api/meetings/:meeting/summary.html', 200],
    ['/api/meetings/:meeting/calendar.ics', 200],
    ['/api/communities/:community/actions.csv', 200],
    // The whole archive is the team's own: observers read every page but do not take it all.
    ['/api/communities/:community/export.zip', 403],
  ])('GET %s: facilitators and members 200, observers %i', async (path, observerStatus) => {
    expect(await statusFor(facilitator, path)).toBe(200)
    expect(await statusFor(member, path)).toBe(200)
    expect(await statusFor(observer, path)).toBe(observerStatus)
  })

  it('[X4] the calendar feed asks for no session: without its key, anyone gets the A1 404, never 401', async () => {
    const feed = resolve('/api/communities/:community/calendar.ics')
    const unknown = await new ApiClient(s.url, { origin: null }).get(
      '/api/communities/nosuchcommunity1/calendar.ics',
    )
    for (const client of [
      new ApiClient(s.url, { origin: null }),
      facilitator.api,
      member.api,
      outsider.api,
    ]) {
      const res = await client.get(feed)
      expect(res).toMatchObject({ status: 404, body: { error: 'not_found' } })
      expect(res.body).toEqual(unknown.body)
    }
  })
})

describe('[A3] [RS1] observers read resources but add none', () => {
  it('POST /api/communities/:community/resources', async () => {
    const path = resolve('/api/communities/:community/resources')
    const body = { url: 'https://example.org/observed', title: 'Observed' }
    expect(await observer.api.post(path, body)).toMatchObject({ status: 403, body: { error: 'forbidden' } })
    const listed = await observer.api.get<{ resources: { title: string }[] }>(path)
    expect(listed.status).toBe(200)
    expect(listed.body.resources.map((r) => r.title)).not.toContain('Observed')
  })
})

describe('[I1] malformed input: 400 with a message, nothing stored', () => {
  it.each([
    ['POST', '/api/communities', { name: '' }],
    ['POST', '/api/communities', { name: 'x'.repeat(121) }],
    ['POST', '/api/communities', { name: 'ok', extra: 1 }],
    ['POST', '/api/communities', [1, 2, 3]],
    ['POST', '/api/communities', '{"name":'],
    ['POST', '/api/networks', { name: 'Net', communityId: '../x' }],
  ])('%s %s %j', async (method, path, body) => {
    const before = await facilitator.api.get<{ communities: unknown[] }>('/api/me')
    const res = await facilitator.api.request<{ error: string; message: string }>(method, path, body)
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_request')
    expect(res.body.message.length).toBeGreaterThan(0)
    const after = await facilitator.api.get<{ communities: unknown[] }>('/api/me')
    expect(after.body.communities).toEqual(before.body.communities)
  })

  it.each([[{ role: 'owner' }], [{ role: 'member', expiresInHours: 0 }], [{}]])(
    'refuses invite body %j',
    async (body) => {
      const res = await facilitator.api.post(`/api/communities/${communityId}/invites`, body)
      expect(res).toMatchObject({ status: 400, body: { error: 'invalid_request' } })
    },
  )

  it.each([
    [{ title: 'T', startsAt: 'next tuesday', durationMinutes: 30 }],
    [{ title: 'T', startsAt: '2026-12-01T15:00:00Z', durationMinutes: 0 }],
    [{ title: '', startsAt: '2026-12-01T15:00:00Z', durationMinutes: 30 }],
  ])('refuses meeting body %j', async (body) => {
    const res = await facilitator.api.post(`/api/communities/${communityId}/meetings`, body)
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid_request' } })
  })

  it('refuses a body over the size limit with 413', async () => {
    const res = await facilitator.api.post('/api/communities', { name: 'x', focus: 'y'.repeat(2_000_000) })
    expect(res).toMatchObject({ status: 413, body: { error: 'payload_too_large' } })
  })
})

describe('roles', () => {
  it('anyone may leave a community on their own', async () => {
    const leaver = await signUp(s.url, 'Leaver')
    await join(facilitator, communityId, leaver, 'member')
    expect((await leaver.api.delete(`/api/communities/${communityId}/members/${leaver.id}`)).status).toBe(204)
    expect((await leaver.api.get(`/api/communities/${communityId}`)).status).toBe(404)
  })

  it('[A3] a community always keeps at least one facilitator', async () => {
    const res = await facilitator.api.patch(`/api/communities/${communityId}/members/${facilitator.id}`, {
      role: 'member',
    })
    expect(res).toMatchObject({ status: 409, body: { error: 'last_facilitator' } })
    const leave = await facilitator.api.delete(`/api/communities/${communityId}/members/${facilitator.id}`)
    expect(leave).toMatchObject({ status: 409, body: { error: 'last_facilitator' } })
  })

  it('an outsider cannot add their community to a network they cannot see', async () => {
    const created = await facilitator.api.post<{ network: { id: string } }>('/api/networks', {
      name: 'District math',
      communityId,
    })
    expect(created.status).toBe(201)
    const res = await outsider.api.post(`/api/networks/${created.body.network.id}/communities`, {
      communityId: otherCommunityId,
    })
    expect(res).toMatchObject({ status: 404, body: { error: 'not_found' } })
  })
})

describe("[A1] [G1] a network's opened meetings", () => {
  it('GET /api/networks/:network/meetings: every role of a community in it; outsiders the same 404', async () => {
    const created = await facilitator.api.post<{ network: { id: string } }>('/api/networks', {
      name: 'Opened meetings network',
      communityId,
    })
    const path = `/api/networks/${created.body.network.id}/meetings`
    for (const person of [facilitator, member, observer]) {
      expect(await person.api.get(path)).toMatchObject({ status: 200, body: { meetings: [] } })
    }
    const forbidden = await outsider.api.get(path)
    const unknown = await outsider.api.get('/api/networks/nosuchnetwork001/meetings')
    expect(forbidden).toMatchObject({ status: 404, body: { error: 'not_found' } })
    expect(forbidden.body).toEqual(unknown.body)
  })
})

describe('[O1] [O2] public and operator routes', () => {
  it.each([
    ['/api/health', { ok: true }],
    ['/api/ready', { ok: true }],
    ['/api/time', { now: expect.any(Number) }],
  ])('GET %s answers anyone, with no session', async (path, body) => {
    expect(await new ApiClient(s.url, { origin: null }).get(path)).toEqual({ status: 200, body })
  })

  it("GET /api/metrics is the operator's: with metrics off, no one gets more than an unknown path's 404, a facilitator's bearer token included", async () => {
    const unknown = await new ApiClient(s.url).get('/api/no-such-route')
    expect(unknown.status).toBe(404)
    const withToken = new ApiClient(s.url, { origin: null })
    withToken.bearer = facilitator.token
    for (const client of [new ApiClient(s.url, { origin: null }), facilitator.api, withToken]) {
      expect(await client.get('/api/metrics')).toEqual(unknown)
    }
  })
})

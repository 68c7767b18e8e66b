/**
 * A person using the REST API, as the web app would: one cookie jar, JSON in and out.
 * Tests use it to set up accounts, communities and meetings through the real endpoints.
 */
export interface ApiResponse<T = unknown> {
  status: number
  body: T
}

export class ApiClient {
  readonly baseUrl: string
  cookie: string | null = null
  bearer: string | null = null
  origin: string | null

  constructor(baseUrl: string, options: { origin?: string | null } = {}) {
    this.baseUrl = baseUrl
    // Browsers send their page's Origin; by default act as our own web app would.
    this.origin = options.origin === undefined ? baseUrl : options.origin
  }

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {}
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (this.cookie) headers.cookie = this.cookie
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`
    if (this.origin) headers.origin = this.origin
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const setCookie = response.headers.get('set-cookie')
    if (setCookie) {
      const pair = setCookie.split(';')[0] ?? ''
      this.cookie = pair.endsWith('=') ? null : pair
    }
    const text = await response.text()
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T }
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path)
  }
  post<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body)
  }
  patch<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body)
  }
  put<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body)
  }
  delete<T = unknown>(path: string) {
    return this.request<T>('DELETE', path)
  }
}

let counter = 0

export interface Person {
  api: ApiClient
  id: string
  name: string
  email: string
  /** A bearer token for /collab, as API clients and tests connect with. */
  token: string
}

/** Signs a new person up and gets them a bearer token. */
export async function signUp(baseUrl: string, name = `Teacher ${++counter}`): Promise<Person> {
  const api = new ApiClient(baseUrl)
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}.${++counter}@school.test`
  const signup = await api.post<{ user: { id: string } }>('/api/auth/signup', {
    email,
    name,
    password: 'correct horse battery',
  })
  if (signup.status !== 201) throw new Error(`signup failed: ${JSON.stringify(signup.body)}`)
  const token = await api.post<{ token: string }>('/api/auth/tokens', {})
  if (token.status !== 201) throw new Error(`token failed: ${JSON.stringify(token.body)}`)
  return { api, id: signup.body.user.id, name, email, token: token.body.token }
}

export async function createCommunity(person: Person, name = 'Grade 4 team'): Promise<string> {
  const res = await person.api.post<{ community: { id: string } }>('/api/communities', { name })
  if (res.status !== 201) throw new Error(`community failed: ${JSON.stringify(res.body)}`)
  return res.body.community.id
}

export async function createMeeting(
  person: Person,
  communityId: string,
  title = 'Weekly meeting',
): Promise<string> {
  const res = await person.api.post<{ meeting: { id: string } }>(`/api/communities/${communityId}/meetings`, {
    title,
    startsAt: new Date(Date.now() + 3600_000).toISOString(),
    durationMinutes: 60,
  })
  if (res.status !== 201) throw new Error(`meeting failed: ${JSON.stringify(res.body)}`)
  return res.body.meeting.id
}

/** Invites `guest` into the community with `role` through a real invitation link. */
export async function join(
  owner: Person,
  communityId: string,
  guest: Person,
  role = 'member',
): Promise<void> {
  const invite = await owner.api.post<{ code: string }>(`/api/communities/${communityId}/invites`, { role })
  if (invite.status !== 201) throw new Error(`invite failed: ${JSON.stringify(invite.body)}`)
  const accepted = await guest.api.post(`/api/invites/${invite.body.code}/accept`)
  if (accepted.status !== 200) throw new Error(`accept failed: ${JSON.stringify(accepted.body)}`)
}

/** A facilitator with a community and a meeting: the usual starting point of a collab test. */
export async function meetingFixture(
  baseUrl: string,
): Promise<{ owner: Person; communityId: string; meetingId: string }> {
  const owner = await signUp(baseUrl, 'Facilitator')
  const communityId = await createCommunity(owner)
  const meetingId = await createMeeting(owner, communityId)
  return { owner, communityId, meetingId }
}

export interface RolesFixture {
  facilitator: Person
  member: Person
  observer: Person
  /** Facilitates a community of their own, and belongs to nothing else. */
  outsider: Person
  communityId: string
  outsiderCommunityId: string
  meetingId: string
}

/** One person per role around a community with a meeting, plus an outsider with their own community. */
export async function rolesFixture(baseUrl: string, communityName = 'Math PLC'): Promise<RolesFixture> {
  const [facilitator, member, observer, outsider] = await Promise.all([
    signUp(baseUrl, 'Facilitator'),
    signUp(baseUrl, 'Member'),
    signUp(baseUrl, 'Observer'),
    signUp(baseUrl, 'Outsider'),
  ])
  const communityId = await createCommunity(facilitator, communityName)
  const outsiderCommunityId = await createCommunity(outsider, 'Other school')
  const meetingId = await createMeeting(facilitator, communityId)
  await join(facilitator, communityId, member, 'member')
  await join(facilitator, communityId, observer, 'observer')
  return { facilitator, member, observer, outsider, communityId, outsiderCommunityId, meetingId }
}

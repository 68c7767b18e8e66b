import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient, signUp } from '../../../test/support/api-client.ts'
import { type RunningServer, startServer } from './test-server.ts'

let s: RunningServer
beforeAll(async () => {
  s = await startServer()
})
afterAll(() => s.close())

const password = 'a long enough password'

describe('accounts', () => {
  it('signs up with a session cookie that is HttpOnly and SameSite=Lax, and /api/me knows the user', async () => {
    const api = new ApiClient(s.url)
    const res = await fetch(`${s.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'Maya@School.test ', name: 'Maya', password }),
    })
    expect(res.status).toBe(201)
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(await res.json()).toMatchObject({ user: { email: 'maya@school.test', name: 'Maya' } })
    api.cookie = cookie.split(';')[0] ?? null
    const me = await api.get<{ user: { name: string }; communities: unknown[] }>('/api/me')
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ user: { name: 'Maya' }, communities: [] })
  })

  it('refuses a second account with the same email (409 email_taken), whatever its case', async () => {
    const api = new ApiClient(s.url)
    await api.post('/api/auth/signup', { email: 'dup@school.test', name: 'A', password })
    const again = await new ApiClient(s.url).post('/api/auth/signup', {
      email: 'DUP@school.test',
      name: 'B',
      password,
    })
    expect(again).toMatchObject({ status: 409, body: { error: 'email_taken' } })
  })

  it.each([
    [{ email: 'x@school.test', name: 'X', password: 'short' }, /10 characters/],
    [{ email: 'not-an-email', name: 'X', password }, /email/i],
    [{ email: 'y@school.test', name: '', password }, /name/i],
    [{ email: 'z@school.test', name: 'Z', password, admin: true }, /admin/],
    ['not json at all', /.+/],
  ])('[I1] refuses invalid sign-up %j with 400 and a readable message', async (body, message) => {
    const res = await new ApiClient(s.url).post<{ error: string; message: string }>('/api/auth/signup', body)
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_request')
    expect(res.body.message).toMatch(message)
  })

  it('logs in with the right password only', async () => {
    const person = await signUp(s.url, 'Lena')
    const wrong = await new ApiClient(s.url).post('/api/auth/login', {
      email: person.email,
      password: 'nope nope nope',
    })
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_credentials' } })
    const unknown = await new ApiClient(s.url).post('/api/auth/login', {
      email: 'ghost@school.test',
      password,
    })
    expect(unknown).toMatchObject({ status: 401, body: { error: 'invalid_credentials' } })
    const right = await new ApiClient(s.url).post('/api/auth/login', {
      email: person.email,
      password: 'correct horse battery',
    })
    expect(right).toMatchObject({ status: 200, body: { user: { id: person.id } } })
  })

  it('logout ends the session: the same cookie no longer works', async () => {
    const person = await signUp(s.url)
    const cookie = person.api.cookie
    expect((await person.api.post('/api/auth/logout')).status).toBe(204)
    const stale = new ApiClient(s.url)
    stale.cookie = cookie
    expect((await stale.get('/api/me')).status).toBe(401)
  })

  it('bearer tokens authenticate API clients until revoked', async () => {
    const person = await signUp(s.url)
    const client = new ApiClient(s.url, { origin: null })
    client.bearer = person.token
    expect((await client.get('/api/me')).status).toBe(200)
    expect((await client.delete('/api/auth/tokens/current')).status).toBe(204)
    expect(await client.get('/api/me')).toMatchObject({ status: 401, body: { error: 'unauthenticated' } })
  })

  it('[A5] refuses a cookie-authenticated change coming from a foreign page (Origin)', async () => {
    const person = await signUp(s.url)
    person.api.origin = 'https://evil.example'
    const res = await person.api.post('/api/communities', { name: 'Phished' })
    expect(res).toMatchObject({ status: 403, body: { error: 'forbidden' } })
  })
})

describe('rate limits', () => {
  it('[I2] answers 429 once log-in is hammered from one address', async () => {
    const limited = await startServer({ env: { AUTH_RATE_LIMIT: '5' } })
    try {
      const api = new ApiClient(limited.url)
      const statuses: number[] = []
      for (let i = 0; i < 7; i++) {
        statuses.push(
          (await api.post('/api/auth/login', { email: 'a@school.test', password: 'whatever!!' })).status,
        )
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401])
      expect(statuses.slice(5)).toEqual([429, 429])
    } finally {
      await limited.close()
    }
  })
})

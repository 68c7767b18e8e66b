import { CloseCode } from '@confer/model'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import {
  ApiClient,
  createCommunity,
  createMeeting,
  type Person,
  signUp,
} from '../../../test/support/api-client.ts'
import { SESSION_TTL_MS } from '../src/services/auth-service.ts'
import { authenticateRaw, openRawSocket, whenClosed } from './raw-socket.ts'
import { type RunningServer, startServer } from './test-server.ts'

let s: RunningServer
const sockets: WebSocket[] = []

beforeAll(async () => {
  s = await startServer()
})
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close()
})
afterAll(() => s.close())

const NINETY_DAYS = 90 * 24 * 3600

/** An API client holding only a bearer token, as a script would. */
function script(token: string): ApiClient {
  const client = new ApiClient(s.url, { origin: null })
  client.bearer = token
  return client
}

async function mint(client: ApiClient, ttlSeconds?: number): Promise<{ token: string; expiresAt: number }> {
  const res = await client.post<{ token: string; expiresAt: string }>(
    '/api/auth/tokens',
    ttlSeconds === undefined ? {} : { ttlSeconds },
  )
  expect(res.status).toBe(201)
  return { token: res.body.token, expiresAt: Date.parse(res.body.expiresAt) }
}

const works = async (token: string) => (await script(token).get('/api/me')).status === 200

/** A socket authenticated with `token` to a meeting of the person's own community. */
async function liveSocket(owner: Person, token: string): Promise<WebSocket> {
  const meetingId = await createMeeting(owner, await createCommunity(owner))
  const socket = await openRawSocket(s.wsUrl)
  sockets.push(socket)
  expect(await authenticateRaw(socket, `meeting/${meetingId}`, token)).toMatchObject({ ok: true })
  return socket
}

describe('[A9] a token never outlives the credential that minted it', () => {
  it('a 60 s token cannot mint a 90-day token', async () => {
    const person = await signUp(s.url, 'Minter')
    const parent = await mint(person.api, 60)
    const child = await mint(script(parent.token), NINETY_DAYS)
    expect(child.expiresAt).toBeLessThanOrEqual(parent.expiresAt)
    const grandchild = await mint(script(child.token), NINETY_DAYS)
    expect(grandchild.expiresAt).toBeLessThanOrEqual(parent.expiresAt)
  })

  it('a token minted by a browser session expires no later than the session', async () => {
    const person = await signUp(s.url, 'Session minter')
    const before = Date.now()
    const token = await mint(person.api, NINETY_DAYS)
    expect(token.expiresAt).toBeLessThanOrEqual(before + SESSION_TTL_MS + 5_000)
  })

  it('a token being minted while its parent is revoked is refused, not left behind', async () => {
    const person = await signUp(s.url, 'Racer')
    const { auth } = s.server.services
    // The request authenticated its parent, then a logout elsewhere revoked it before the insert.
    const parent = await auth.issue(person.id, 'session', 3_600_000)
    await auth.revoke(parent.secret)
    await expect(auth.issue(person.id, 'bearer', 3_600_000, parent)).rejects.toMatchObject({ status: 401 })
  })

  it('revoking a token revokes every token it minted, and closes their sockets', async () => {
    const person = await signUp(s.url, 'Revoker')
    const parent = await mint(person.api, 3600)
    const child = await mint(script(parent.token))
    const grandchild = await mint(script(child.token))
    const sibling = await mint(person.api)
    const socket = await liveSocket(person, grandchild.token)
    const closed = whenClosed(socket)
    expect((await script(parent.token).delete('/api/auth/tokens/current')).status).toBe(204)
    expect((await closed).code).toBe(CloseCode.accessChanged)
    expect(await works(parent.token)).toBe(false)
    expect(await works(child.token)).toBe(false)
    expect(await works(grandchild.token)).toBe(false)
    // Revoking one branch leaves the session and its other tokens alone.
    expect(await works(sibling.token)).toBe(true)
    expect((await person.api.get('/api/me')).status).toBe(200)
  })

  it('logging out a session revokes the tokens minted with it, and closes their sockets', async () => {
    const person = await signUp(s.url, 'Logger-out')
    const child = await mint(person.api)
    const grandchild = await mint(script(child.token))
    const socket = await liveSocket(person, grandchild.token)
    const closed = whenClosed(socket)
    expect((await person.api.post('/api/auth/logout')).status).toBe(204)
    expect((await closed).code).toBe(CloseCode.accessChanged)
    expect(await works(child.token)).toBe(false)
    expect(await works(grandchild.token)).toBe(false)
  })
})

describe('[A9] sign out everywhere', () => {
  it('revokes every session and token of the account and closes their sockets; other people keep theirs', async () => {
    const person = await signUp(s.url, 'Everywhere')
    const bystander = await signUp(s.url, 'Bystander')
    // A second browser, a script's token and a token minted by that script.
    const laptop = new ApiClient(s.url)
    expect(
      (await laptop.post('/api/auth/login', { email: person.email, password: 'correct horse battery' }))
        .status,
    ).toBe(200)
    const scriptToken = await mint(laptop)
    const nested = await mint(script(scriptToken.token))
    const sockets = [await liveSocket(person, person.token), await liveSocket(person, nested.token)]
    const closed = sockets.map(whenClosed)

    const res = await person.api.post<{ revoked: number }>('/api/auth/logout-everywhere')
    expect(res.status).toBe(200)
    // Two sessions and three tokens (signUp's own, the laptop's, the nested one).
    expect(res.body.revoked).toBe(5)
    expect(person.api.cookie).toBeNull()

    for (const c of await Promise.all(closed)) expect(c.code).toBe(CloseCode.accessChanged)
    expect((await laptop.get('/api/me')).status).toBe(401)
    for (const token of [person.token, scriptToken.token, nested.token])
      expect(await works(token)).toBe(false)
    expect((await bystander.api.get('/api/me')).status).toBe(200)
    expect(await works(bystander.token)).toBe(true)
  })

  it('[W2] refuses a request from a foreign page and signs nobody out', async () => {
    const person = await signUp(s.url, 'Phished')
    person.api.origin = 'https://evil.example'
    const res = await person.api.post('/api/auth/logout-everywhere')
    expect(res).toMatchObject({ status: 403, body: { error: 'forbidden' } })
    person.api.origin = s.url
    expect((await person.api.get('/api/me')).status).toBe(200)
    expect(await works(person.token)).toBe(true)
  })

  it('works for a script with a bearer token', async () => {
    const person = await signUp(s.url, 'Scripted')
    const res = await script(person.token).post<{ revoked: number }>('/api/auth/logout-everywhere')
    expect(res).toMatchObject({ status: 200, body: { revoked: 2 } })
    expect((await person.api.get('/api/me')).status).toBe(401)
  })
})

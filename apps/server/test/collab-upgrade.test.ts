import { CloseCode, DenyReason } from '@confer/model'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { type Person, signUp } from '../../../test/support/api-client.ts'
import { type AuthOutcome, authenticateRaw, openRawSocket, whenClosed } from './raw-socket.ts'
import { type RunningServer, startServer } from './test-server.ts'

/** The charter of a new community of `person`: a document they may open. */
async function charterOf(person: Person): Promise<string> {
  const res = await person.api.post<{ community: { id: string } }>('/api/communities', {
    name: 'Upgrade PLC',
  })
  return `community/${res.body.community.id}/charter`
}

/** The HTTP status a refused WebSocket handshake answered with. */
function refusedStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url)
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      socket.terminate()
    })
    socket.once('open', () => reject(new Error(`the handshake to ${url} was accepted`)))
    socket.once('error', (error) => {
      if (!error.message.includes('Unexpected server response')) reject(error)
    })
  })
}

/** A browser's handshake as a proxy forwards it (session cookie, page Origin), then its auth verdict. */
async function authenticateForwarded(
  s: RunningServer,
  person: Person,
  documentName: string,
  headers: { origin: string; 'x-forwarded-proto': string },
): Promise<AuthOutcome> {
  const socket = await openRawSocket(s.wsUrl, { ...headers, cookie: person.api.cookie ?? '' })
  try {
    return await authenticateRaw(socket, documentName, '')
  } finally {
    socket.close()
  }
}

describe('the /collab handshake', () => {
  let s: RunningServer
  let person: Person
  let charter: string
  beforeAll(async () => {
    s = await startServer()
    person = await signUp(s.url, 'Upgrader')
    charter = await charterOf(person)
  })
  afterAll(() => s.close())

  it('refuses a WebSocket handshake on any other path with 404, and keeps serving /collab', async () => {
    expect(await refusedStatus(s.wsUrl.replace('/collab', '/elsewhere'))).toBe(404)
    expect(await refusedStatus(s.wsUrl.replace('/collab', '/collab/more'))).toBe(404)
    const socket = await openRawSocket(`${s.wsUrl}?client=web`)
    expect(await authenticateRaw(socket, charter, person.token)).toEqual({ ok: true, scope: 'read-write' })
    socket.close()
  })

  it('[A5] does not believe X-Forwarded-Proto unless the proxy is trusted', async () => {
    const origin = `https://${new URL(s.url).host}`
    expect(await authenticateForwarded(s, person, charter, { origin, 'x-forwarded-proto': 'https' })).toEqual(
      {
        ok: false,
        reason: DenyReason.forbiddenOrigin,
      },
    )
  })
})

describe('the /collab handshake behind a trusted proxy (TRUST_PROXY)', () => {
  let s: RunningServer
  let person: Person
  let charter: string
  beforeAll(async () => {
    s = await startServer({ env: { TRUST_PROXY: 'true' } })
    person = await signUp(s.url, 'Proxied')
    charter = await charterOf(person)
  })
  afterAll(() => s.close())

  it('[A5] takes the page origin as https when the proxy says the browser used https', async () => {
    const origin = `https://${new URL(s.url).host}`
    expect(
      await authenticateForwarded(s, person, charter, { origin, 'x-forwarded-proto': 'http, https' }),
    ).toEqual({ ok: true, scope: 'read-write' })
  })

  it('[A5] still refuses an http page when the proxy says the browser used https', async () => {
    expect(
      await authenticateForwarded(s, person, charter, { origin: s.url, 'x-forwarded-proto': 'https' }),
    ).toEqual({
      ok: false,
      reason: DenyReason.forbiddenOrigin,
    })
  })
})

it('tells every open socket the server is restarting when it stops, so providers reconnect', async () => {
  const s = await startServer()
  const person = await signUp(s.url, 'Stopping')
  const charter = await charterOf(person)
  const socket = await openRawSocket(s.wsUrl)
  expect(await authenticateRaw(socket, charter, person.token)).toEqual({ ok: true, scope: 'read-write' })
  const closed = whenClosed(socket)
  await s.close()
  expect(await closed).toEqual({ code: CloseCode.serverRestart, reason: 'server restarting' })
})

/**
 * Sockets close when the credential that opened them ends (SPEC A6, A8, A9): at its expiry
 * (4401), or when it is revoked, logged out or signed out everywhere (4403). A guest's access
 * ending is in revocation-guests.test.ts; a change while a socket is set up, in
 * revocation-while-loading.test.ts.
 */
import { CloseCode, DenyReason } from '@confer/model'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import * as Y from 'yjs'
import { ApiClient, type Person } from '../../../test/support/api-client.ts'
import type { CollabContext } from '../src/collab/context.ts'
import { CredentialExpiry } from '../src/collab/extensions/credential-expiry.ts'
import { hashSecret } from '../src/services/secrets.ts'
import {
  authenticateRaw,
  type Closed,
  frame,
  MessageType,
  nextFrameOfType,
  whenClosed,
} from './raw-socket.ts'
import { connect, n, newGuest, refusal, s, withDatabase } from './revocation-support.ts'

/** Makes a credential expire `ms` from now (the API's shortest lifetime is a minute). */
function expireIn(secret: string, ms: number): number {
  const at = Date.now() + ms
  withDatabase((db) =>
    db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(at, hashSecret(secret)),
  )
  return at
}

/** The same person logged in from another browser: its own session cookie. */
async function secondBrowser(person: Person): Promise<ApiClient> {
  const browser = new ApiClient(s.url)
  const login = await browser.post('/api/auth/login', {
    email: person.email,
    password: 'correct horse battery',
  })
  expect(login.status).toBe(200)
  return browser
}

const cookieSecret = (person: Person): string => (person.api.cookie ?? '').split('=')[1] ?? ''

/** Sends SyncStep1 and waits for the answer: the server has set the connection up by then. */
async function syncRoundTrip(socket: WebSocket, documentName: string): Promise<void> {
  const answer = nextFrameOfType(socket, documentName, MessageType.Sync)
  socket.send(
    frame(documentName, MessageType.Sync, (e) => {
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()))
    }),
  )
  await answer
}

/** Resolves with the close, and how long after `since` it came. */
async function closedAfter(socket: WebSocket, since: number): Promise<Closed & { afterMs: number }> {
  const closed = await whenClosed(socket)
  return { ...closed, afterMs: Date.now() - since }
}

describe('[A8] a socket closes when its credential expires', () => {
  it('[A8] a bearer token socket closes with 4401 when the token expires, and cannot come back', async () => {
    const guest = await newGuest(n)
    const expiresAt = expireIn(guest.token, 700)
    const socket = await connect(`meeting/${n.meetingId}`, { token: guest.token })

    const closed = await closedAfter(socket, expiresAt)
    expect(closed.code).toBe(CloseCode.credentialExpired)
    // Not before the expiry (timers may fire a millisecond early), and promptly after it.
    expect(closed.afterMs).toBeGreaterThanOrEqual(-5)
    expect(closed.afterMs).toBeLessThan(1_000)
    expect(await refusal(`meeting/${n.meetingId}`, guest.token)).toBe(DenyReason.unauthenticated)
  })

  it('[A8] a session cookie socket closes with 4401 at expiry while a 30-day session beside it stays open', async () => {
    const guest = await newGuest(n)
    const name = `meeting/${n.meetingId}`
    // A fresh 30-day session: its delay is over setTimeout's 2^31-1 ms ceiling, past which Node
    // warns and fires after 1 ms instead (a close at once, or a timer spinning every millisecond).
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.name)
    process.on('warning', onWarning)
    const lasting = await connect(name, { cookie: n.hostFacilitator.api.cookie ?? '' })
    const expiresAt = expireIn(cookieSecret(guest), 700)
    const expiring = await connect(name, { cookie: guest.api.cookie ?? '' })

    const closed = await closedAfter(expiring, expiresAt)
    expect(closed.code).toBe(CloseCode.credentialExpired)
    expect(closed.afterMs).toBeLessThan(1_000)
    expect(lasting.readyState).toBe(lasting.OPEN)
    // And it still works: another document on the same socket authenticates.
    expect(await authenticateRaw(lasting, `community/${n.hostCommunity}/charter`, '')).toMatchObject({
      ok: true,
    })
    process.off('warning', onWarning)
    expect(warnings).not.toContain('TimeoutOverflowWarning')
  })

  it('[A8] a socket that closes before its credential expires leaves no timer behind', async () => {
    const guest = await newGuest(n)
    const expiry = s.server.hocuspocus.configuration.extensions.find(
      (e): e is CredentialExpiry => e instanceof CredentialExpiry,
    )
    if (!expiry) throw new Error('the credential-expiry extension is not registered')
    const before = expiry.pending
    const name = `meeting/${n.meetingId}`
    const socket = await connect(name, { token: guest.token })
    await syncRoundTrip(socket, name)
    expect(expiry.pending).toBe(before + 1)

    // The server's side of that socket, to learn when it has let go of it.
    const connection = s.server.hocuspocus.documents
      .get(name)
      ?.getConnections()
      .find((c) => (c.context as CollabContext).credentialHash === hashSecret(guest.token))
    if (!connection) throw new Error('the server holds no connection for the socket')
    const released = new Promise<void>((resolve) => connection.onClose(() => resolve()))
    socket.close()
    await released
    expect(expiry.pending).toBe(before)
  })
})

describe('[A6] revoked credentials close the sockets they opened', () => {
  it('[A6] revoking a bearer token closes the /collab socket opened with it, not the person’s other sockets', async () => {
    const guest = await newGuest(n)
    const name = `meeting/${n.meetingId}`
    const tokenSocket = await connect(name, { token: guest.token })
    const cookieSocket = await connect(name, { cookie: guest.api.cookie ?? '' })
    const closed = whenClosed(tokenSocket)

    guest.api.bearer = guest.token
    expect((await guest.api.delete('/api/auth/tokens/current')).status).toBe(204)
    expect((await closed).code).toBe(CloseCode.accessChanged)
    expect(cookieSocket.readyState).toBe(cookieSocket.OPEN)
    expect(await refusal(name, guest.token)).toBe(DenyReason.unauthenticated)
  })

  it('[A6] logging out closes the socket that browser session opened, not another browser’s', async () => {
    const guest = await newGuest(n)
    const name = `meeting/${n.meetingId}`
    const laptop = await secondBrowser(guest)
    const laptopSocket = await connect(name, { cookie: laptop.cookie ?? '' })
    const cookieSocket = await connect(name, { cookie: guest.api.cookie ?? '' })
    const closed = whenClosed(cookieSocket)

    expect((await guest.api.post('/api/auth/logout')).status).toBe(204)
    expect((await closed).code).toBe(CloseCode.accessChanged)
    expect(laptopSocket.readyState).toBe(laptopSocket.OPEN)
  })

  it('[A9] signing out everywhere closes the sockets of every browser session and every token', async () => {
    const guest = await newGuest(n)
    const name = `meeting/${n.meetingId}`
    const laptop = await secondBrowser(guest)
    const open = [
      await connect(name, { cookie: guest.api.cookie ?? '' }),
      await connect(name, { cookie: laptop.cookie ?? '' }),
      await connect(name, { token: guest.token }),
    ]
    const bystander = await connect(name, { cookie: n.hostFacilitator.api.cookie ?? '' })
    const closed = open.map(whenClosed)

    expect((await laptop.post('/api/auth/logout-everywhere')).status).toBe(200)
    for (const c of await Promise.all(closed)) expect(c.code).toBe(CloseCode.accessChanged)
    expect(bystander.readyState).toBe(bystander.OPEN)
  })
})

import type { Duplex } from 'node:stream'
import { CloseCode } from '@confer/model'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { meetingFixture, rolesFixture } from '../../../test/support/api-client.ts'
import { AccountRates } from '../src/collab/socket-limits/account-rates.ts'
import { TokenBucket } from '../src/collab/socket-limits/token-bucket.ts'
import { authenticateRaw, frame, MessageType, sendUpdate } from './raw-socket.ts'
import {
  bystanders,
  closedOrAnswering,
  dial,
  EMPTY_UPDATE,
  serve,
  stillEditing,
  tinyUpdate,
  wholeDocumentPlease,
} from './socket-limits-support.ts'

/*
 * SPEC C2 and H4 at the collaboration door: frames Hocuspocus cannot read, our limits always
 * tripping before Hocuspocus' own, and an account's message budget across its sockets.
 */

describe('[C2] frames refused at the door', () => {
  it('[C2] closes with 4400 a frame Hocuspocus cannot read before any hook runs (an authentication cut short, a name that is not UTF-8, no message type), before and after authenticating', async () => {
    const server = await serve({})
    const fixture = await meetingFixture(server.url)
    const name = `meeting/${fixture.meetingId}`
    const people = await bystanders(server, name, fixture.owner.token)

    const nameOnly = encoding.createEncoder()
    encoding.writeVarString(nameOnly, `${name}\0x`)
    const unreadable: Record<string, Uint8Array> = {
      // The fuzzer's find: an empty name, the Auth type, nothing after it.
      'empty authentication': Uint8Array.of(0, MessageType.Auth),
      'authentication without its token': frame(`${name}\0x`, MessageType.Auth, (e) =>
        encoding.writeVarUint(e, 0),
      ),
      'token cut short': frame(`${name}\0x`, MessageType.Auth, (e) => {
        encoding.writeVarUint(e, 0)
        encoding.writeVarUint(e, 40)
        encoding.writeUint8Array(e, Uint8Array.of(1, 2, 3))
      }),
      'token that is not UTF-8': frame(`${name}\0x`, MessageType.Auth, (e) => {
        encoding.writeVarUint(e, 0)
        encoding.writeVarUint8Array(e, Uint8Array.of(0xff, 0xfe, 0x41))
      }),
      'provider version cut short': frame(`${name}\0x`, MessageType.Auth, (e) => {
        encoding.writeVarUint(e, 0)
        encoding.writeVarString(e, fixture.owner.token)
        encoding.writeVarUint(e, 9)
      }),
      'name that is not UTF-8': Uint8Array.of(2, 0xc3, 0x28, MessageType.Sync, 0, 0),
      'name longer than the frame': Uint8Array.of(9, 0x6d, 0x65, 0x65),
      'no message type': encoding.toUint8Array(nameOnly),
      'a message type of several bytes': Uint8Array.of(1, 0x61, 0x82, 0x00, 0, 0),
    }
    for (const [what, bytes] of Object.entries(unreadable)) {
      const stranger = dial(server)
      await stranger.opened
      stranger.socket.send(bytes)
      expect({ what, before: (await stranger.closed).code }).toEqual({
        what,
        before: CloseCode.malformedMessage,
      })

      const member = dial(server)
      await member.opened
      await expect(authenticateRaw(member.socket, name, fixture.owner.token)).resolves.toMatchObject({
        ok: true,
      })
      member.socket.send(bytes)
      expect({ what, after: (await member.closed).code }).toEqual({ what, after: CloseCode.malformedMessage })
    }
    await stillEditing(people)
  })
})

describe('[H4] Hocuspocus never answers for our limits', () => {
  it("[H4] counts what waits for authentication on every document of a socket: 4413, never Hocuspocus' 4205", async () => {
    const server = await serve({ MAX_MESSAGES_PER_SECOND: '100000', MESSAGE_BURST: '100000' })
    const fixture = await meetingFixture(server.url)
    const name = `meeting/${fixture.meetingId}`
    const people = await bystanders(server, name, fixture.owner.token)

    // Authenticated on one document, it sends 80 KiB for another it never authenticates.
    const member = dial(server)
    await member.opened
    await expect(authenticateRaw(member.socket, name, fixture.owner.token)).resolves.toMatchObject({
      ok: true,
    })
    const kib = frame(`${name}\0never`, MessageType.Sync, (e) => {
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, new Uint8Array(1024))
    })
    for (let i = 0; i < 80; i++) member.socket.send(kib)
    expect((await member.closed).code).toBe(CloseCode.payloadTooLarge)

    // Never authenticated, it sends 1,100 frames of 3 bytes: few bytes, but many messages to hold.
    const stranger = dial(server)
    await stranger.opened
    const crumb = frame('a', MessageType.Sync, () => {})
    for (let i = 0; i < 1100; i++) stranger.socket.send(crumb)
    expect((await stranger.closed).code).toBe(CloseCode.payloadTooLarge)
    await stillEditing(people)
  })

  it('[H4] a Close for a document that never authenticated keeps its place (Hocuspocus still waits for it): 4429, never 4205', async () => {
    const server = await serve({ MAX_DOCUMENTS_PER_SOCKET: '3' })
    const fixture = await meetingFixture(server.url)
    const name = `meeting/${fixture.meetingId}`
    const people = await bystanders(server, name, fixture.owner.token)

    const stranger = dial(server)
    await stranger.opened
    for (let i = 0; i < 6; i++) {
      stranger.socket.send(wholeDocumentPlease(`${name}\0${i}`))
      stranger.socket.send(frame(`${name}\0${i}`, MessageType.Close, () => {}))
    }
    expect((await stranger.closed).code).toBe(CloseCode.tooManyConnections)
    await stillEditing(people)
  })
})

describe('[H4] a document closed before its connection was set up', () => {
  it('[H4] still counts what is sent to it afterwards (Hocuspocus waits for it again): 4413, never 4205', async () => {
    const server = await serve({ MAX_MESSAGES_PER_SECOND: '100000', MESSAGE_BURST: '100000' })
    const fixture = await meetingFixture(server.url)
    const name = `meeting/${fixture.meetingId}`
    const people = await bystanders(server, name, fixture.owner.token)

    const member = dial(server)
    await member.opened
    await expect(
      authenticateRaw(member.socket, `${name}\0first`, fixture.owner.token),
    ).resolves.toMatchObject({
      ok: true,
    })
    // The authentication and a Close in one write: the Close waits with the authentication, and
    // the connection is closed as soon as it is set up.
    const brief = `${name}\0brief`
    const tcp = (member.socket as WebSocket & { _socket: Duplex & { cork(): void; uncork(): void } })._socket
    tcp.cork()
    const answered = authenticateRaw(member.socket, brief, fixture.owner.token)
    member.socket.send(frame(brief, MessageType.Close, () => {}))
    tcp.uncork()
    await expect(answered).resolves.toMatchObject({ ok: true })
    await expect(sendUpdate(member.socket, `${name}\0first`, EMPTY_UPDATE)).resolves.toBe(true)

    const kib = frame(brief, MessageType.Sync, (e) => {
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, new Uint8Array(1024))
    })
    for (let i = 0; i < 80; i++) member.socket.send(kib)
    expect((await member.closed).code).toBe(CloseCode.payloadTooLarge)
    await stillEditing(people)
  })
})

describe('[H4] messages per second, per account', () => {
  it('[H4] an account closed with 4430 does not come back with a fresh burst, and a colleague behind the same address is untouched', async () => {
    const server = await serve({ MAX_MESSAGES_PER_SECOND: '20', MESSAGE_BURST: '50' })
    const roles = await rolesFixture(server.url)
    const name = `meeting/${roles.meetingId}`
    const people = await bystanders(server, name, roles.facilitator.token, roles.observer.token)

    const flooder = dial(server)
    await flooder.opened
    await expect(authenticateRaw(flooder.socket, name, roles.member.token)).resolves.toMatchObject({
      ok: true,
    })
    for (let i = 0; i < 200; i++) flooder.socket.send(tinyUpdate(name))
    expect((await flooder.closed).code).toBe(CloseCode.rateLimited)

    // Back at once, as a script would: what it had left, not a new burst (30 < 50).
    const again = dial(server)
    await again.opened
    await expect(authenticateRaw(again.socket, name, roles.member.token)).resolves.toMatchObject({ ok: true })
    for (let i = 0; i < 30; i++) again.socket.send(tinyUpdate(name))
    expect(await closedOrAnswering(again, name)).toBe(CloseCode.rateLimited)

    // A colleague at the same address (one school, one NAT) sends as much, and is answered.
    const colleague = dial(server)
    await colleague.opened
    await expect(authenticateRaw(colleague.socket, name, roles.facilitator.token)).resolves.toMatchObject({
      ok: true,
    })
    for (let i = 0; i < 30; i++) colleague.socket.send(tinyUpdate(name))
    expect(await closedOrAnswering(colleague, name)).toBe('answering')
    await stillEditing(people)
  })
})

describe('[H4] what an account left of its message rate', () => {
  it('[H4] is kept until it would have refilled; the emptiest socket of the account counts; other accounts never see it', () => {
    // 20 a second, 50 at once: an emptied bucket is full again 2.5 s later.
    const rates = new AccountRates(20, 50)
    const flooding = new TokenBucket(20, 50, 0)
    while (flooding.take(0));
    const typing = new TokenBucket(20, 50, 0)
    for (let i = 0; i < 10; i++) typing.take(0)
    rates.leave('mallory', flooding, 0)
    rates.leave('mallory', typing, 0)

    const back = new TokenBucket(20, 50, 500)
    rates.join('mallory', back, 500)
    expect(back.level(500)).toBeCloseTo(10) // what 0.5 s refilled, not a new burst of 50
    const colleague = new TokenBucket(20, 50, 500)
    rates.join('alice', colleague, 500)
    expect(colleague.level(500)).toBe(50)

    const later = new TokenBucket(20, 50, 2_400)
    rates.join('mallory', later, 2_400)
    expect(later.level(2_400)).toBeCloseTo(48)
    // Once refilled, nothing is kept for it: the map holds only accounts that spent recently.
    const bobs = new TokenBucket(20, 50, 2_600)
    bobs.take(2_600)
    rates.leave('bob', bobs, 2_600)
    expect(rates.size).toBe(1)
  })
})

import type { Duplex } from 'node:stream'
import { CloseCode } from '@confer/model'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { meetingFixture, rolesFixture } from '../../../test/support/api-client.ts'
import {
  connectClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { paragraphs, typeParagraph } from '../../../test/support/notes.ts'
import { until } from '../../../test/support/wait.ts'
import { authenticateRaw, authFrame, frame, MessageType, nextFrameOfType, sendUpdate } from './raw-socket.ts'
import {
  bystanders,
  clients,
  closedOrAnswering,
  type Dialled,
  dial,
  EMPTY_UPDATE,
  serve,
  stillEditing,
  wholeDocumentPlease,
} from './socket-limits-support.ts'

/*
 * SPEC H4: what one socket, one address and one account may cost. Each attack is scaled down by
 * setting its limit low, and each test shows both sides: the limit trips with its close code,
 * and two ordinary providers in the same meeting keep syncing and saving meanwhile.
 */

describe('[H4] sockets per client address', () => {
  it('[H4] closes sockets over MAX_CONNECTIONS_PER_ADDRESS with 4429, while people at other addresses keep editing', async () => {
    const server = await serve({ MAX_CONNECTIONS_PER_ADDRESS: '4', TRUST_PROXY: 'true' })
    const fixture = await meetingFixture(server.url)
    const name = `meeting/${fixture.meetingId}`
    const people = await bystanders(server, name, fixture.owner.token)

    // One school behind one proxy address opens ten sockets, one after another.
    const school = { 'x-forwarded-for': '203.0.113.7' }
    const accepted: Dialled[] = []
    for (let i = 0; i < 4; i++) {
      const d = dial(server, school)
      await d.opened
      accepted.push(d)
    }
    for (let i = 0; i < 6; i++) {
      expect((await dial(server, school).closed).code).toBe(CloseCode.tooManyConnections)
    }
    // The four it let in are real connections.
    for (const d of accepted) {
      await expect(authenticateRaw(d.socket, name, fixture.owner.token)).resolves.toMatchObject({ ok: true })
    }
    await stillEditing(people)

    // A socket that leaves frees its place for the next one from that address.
    const leaving = accepted[0]?.socket
    leaving?.close()
    await accepted[0]?.closed
    const next = dial(server, school)
    await next.opened
    await expect(authenticateRaw(next.socket, name, fixture.owner.token)).resolves.toMatchObject({ ok: true })
  })

  it('[H4] without TRUST_PROXY counts the socket address, whatever X-Forwarded-For claims', async () => {
    const server = await serve({ MAX_CONNECTIONS_PER_ADDRESS: '3' })
    const opened: Dialled[] = []
    for (let i = 0; i < 3; i++) {
      const d = dial(server, { 'x-forwarded-for': `198.51.100.${i}` })
      await d.opened
      opened.push(d)
    }
    expect((await dial(server, { 'x-forwarded-for': '198.51.100.99' }).closed).code).toBe(
      CloseCode.tooManyConnections,
    )
  })
})

describe('[H4] before authentication', () => {
  it('[H4] closes a socket that sends more than PREAUTH_MAX_BYTES before authenticating with 4413', async () => {
    const server = await serve({ PREAUTH_MAX_BYTES: '4096' })
    const fixture = await meetingFixture(server.url)
    const name = `meeting/${fixture.meetingId}`
    const people = await bystanders(server, name, fixture.owner.token)

    const stranger = dial(server)
    await stranger.opened
    // Frames Hocuspocus would queue until an authentication that never comes.
    const chunk = frame(name, MessageType.Sync, (e) => {
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, new Uint8Array(1024))
    })
    for (let i = 0; i < 8; i++) stranger.socket.send(chunk)
    expect((await stranger.closed).code).toBe(CloseCode.payloadTooLarge)
    await stillEditing(people)
  })

  it('[H4] closes a socket that has not authenticated within PREAUTH_TIMEOUT_MS with 4408, and only that one', async () => {
    const server = await serve({ PREAUTH_TIMEOUT_MS: '2000' })
    const fixture = await meetingFixture(server.url)
    const name = `meeting/${fixture.meetingId}`
    const people = await bystanders(server, name, fixture.owner.token)

    const silent = dial(server)
    const refused = dial(server)
    const member = dial(server)
    await Promise.all([silent.opened, refused.opened, member.opened])
    // A refused authentication is not an authentication.
    await expect(authenticateRaw(refused.socket, name, 'not-a-token')).resolves.toMatchObject({ ok: false })
    await expect(authenticateRaw(member.socket, name, fixture.owner.token)).resolves.toMatchObject({
      ok: true,
    })

    expect((await silent.closed).code).toBe(CloseCode.authenticationTimeout)
    expect((await refused.closed).code).toBe(CloseCode.authenticationTimeout)
    // Past the deadline, the socket that did authenticate still saves, and so do the providers.
    await expect(sendUpdate(member.socket, name, EMPTY_UPDATE)).resolves.toBe(true)
    await stillEditing(people)
  })
})

describe('[H4] documents per socket', () => {
  it('[H4] closes a socket that opens more than MAX_DOCUMENTS_PER_SOCKET addresses (session ids and pending ones count) with 4429', async () => {
    const server = await serve({ MAX_DOCUMENTS_PER_SOCKET: '3' })
    const fixture = await meetingFixture(server.url)
    const name = `meeting/${fixture.meetingId}`
    const people = await bystanders(server, name, fixture.owner.token)

    const observer = dial(server)
    await observer.opened
    // Hocuspocus multiplexing: one meeting under several session ids, each its own connection.
    await expect(authenticateRaw(observer.socket, `${name}\0a`, fixture.owner.token)).resolves.toMatchObject({
      ok: true,
    })
    await expect(authenticateRaw(observer.socket, `${name}\0b`, fixture.owner.token)).resolves.toMatchObject({
      ok: true,
    })
    // A third, not authenticated yet, still takes a place.
    observer.socket.send(wholeDocumentPlease(`${name}\0c`))
    observer.socket.send(wholeDocumentPlease(`${name}\0d`))
    expect((await observer.closed).code).toBe(CloseCode.tooManyConnections)
    await stillEditing(people)
  })

  it('[H4] gives a document place back when the provider closes that document', async () => {
    const server = await serve({ MAX_DOCUMENTS_PER_SOCKET: '2' })
    const fixture = await meetingFixture(server.url)
    const name = `meeting/${fixture.meetingId}`
    const socket = dial(server)
    await socket.opened
    for (const session of ['a', 'b']) {
      await expect(
        authenticateRaw(socket.socket, `${name}\0${session}`, fixture.owner.token),
      ).resolves.toMatchObject({ ok: true })
    }
    // What a provider sends when it is detached from a shared socket.
    socket.socket.send(frame(`${name}\0a`, MessageType.Close, () => {}))
    await expect(authenticateRaw(socket.socket, `${name}\0c`, fixture.owner.token)).resolves.toMatchObject({
      ok: true,
    })
    await expect(sendUpdate(socket.socket, `${name}\0c`, EMPTY_UPDATE)).resolves.toBe(true)
  })
})

describe('[H4] sockets per account', () => {
  it('[H4] closes an account socket over MAX_CONNECTIONS_PER_USER with 4429, and other accounts keep editing', async () => {
    const server = await serve({ MAX_CONNECTIONS_PER_USER: '2' })
    const roles = await rolesFixture(server.url)
    const name = `meeting/${roles.meetingId}`
    const people = await bystanders(server, name, roles.member.token, roles.observer.token)

    const first = dial(server)
    const second = dial(server)
    const third = dial(server)
    await Promise.all([first.opened, second.opened, third.opened])
    await expect(authenticateRaw(first.socket, name, roles.facilitator.token)).resolves.toMatchObject({
      ok: true,
    })
    await expect(authenticateRaw(second.socket, name, roles.facilitator.token)).resolves.toMatchObject({
      ok: true,
    })
    third.socket.send(
      frame(name, MessageType.Auth, (e) => {
        encoding.writeVarUint(e, 0)
        encoding.writeVarString(e, roles.facilitator.token)
      }),
    )
    expect((await third.closed).code).toBe(CloseCode.tooManyConnections)
    await expect(sendUpdate(second.socket, name, EMPTY_UPDATE)).resolves.toBe(true)
    await stillEditing(people)

    // Closing one lets the account open another.
    first.socket.close()
    await first.closed
    const fourth = dial(server)
    await fourth.opened
    await expect(authenticateRaw(fourth.socket, name, roles.facilitator.token)).resolves.toMatchObject({
      ok: true,
    })
    await expect(sendUpdate(fourth.socket, name, EMPTY_UPDATE)).resolves.toBe(true)
  })
})

describe('[H4] messages per second', () => {
  it('[H4] closes a socket that sends more than MESSAGE_BURST messages at once with 4430', async () => {
    const server = await serve({ MAX_MESSAGES_PER_SECOND: '20', MESSAGE_BURST: '50' })
    const fixture = await meetingFixture(server.url)
    const name = `meeting/${fixture.meetingId}`
    const people = await bystanders(server, name, fixture.owner.token)

    const flooder = dial(server)
    await flooder.opened
    await expect(authenticateRaw(flooder.socket, name, fixture.owner.token)).resolves.toMatchObject({
      ok: true,
    })
    const tiny = frame(name, MessageType.Sync, (e) => {
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, EMPTY_UPDATE)
    })
    for (let i = 0; i < 200; i++) flooder.socket.send(tiny)
    expect((await flooder.closed).code).toBe(CloseCode.rateLimited)
    await stillEditing(people)
  })
})

describe('[H4] whole-document sync requests', () => {
  it('[H4] closes a socket that keeps asking for the whole document (SyncStep1) with 4430, while the people in the meeting keep syncing and saving', async () => {
    // The defaults: well under MESSAGE_BURST, so only the sync-request budget can trip.
    const server = await serve({})
    const fixture = await meetingFixture(server.url)
    const name = `meeting/${fixture.meetingId}`
    const people = await bystanders(server, name, fixture.owner.token)
    typeParagraph(people.writer.doc, 'y'.repeat(64 * 1024))
    await waitForAcknowledged(people.writer)

    const asker = dial(server)
    await asker.opened
    await expect(authenticateRaw(asker.socket, name, fixture.owner.token)).resolves.toMatchObject({
      ok: true,
    })
    const ask = wholeDocumentPlease(name)
    for (let i = 0; i < 20; i++) asker.socket.send(ask)
    expect(await closedOrAnswering(asker, name)).toBe(CloseCode.rateLimited)
    expect((await asker.closed).reason).toBe('too many sync requests')

    await stillEditing(people)
    // Someone joining now still gets the whole document.
    const late = connectClient(server.wsUrl, name, fixture.owner.token)
    clients.push(late)
    await waitForDoc(
      late,
      (doc) => paragraphs(doc).includes('y'.repeat(64 * 1024)),
      'a late joiner to get the document',
    )
  })

  it('[H4] never closes a provider that reconnects several times in a row (each new socket asks again)', async () => {
    const server = await serve({})
    const fixture = await meetingFixture(server.url)
    const name = `meeting/${fixture.meetingId}`
    const people = await bystanders(server, name, fixture.owner.token)
    const serverEnds: Duplex[] = []
    server.server.app.server.on('upgrade', (_req, socket: Duplex) => serverEnds.push(socket))

    const tab = connectClient(server.wsUrl, name, fixture.owner.token)
    clients.push(tab)
    const closes: number[] = []
    tab.provider.on('close', ({ event }: { event: { code: number } }) => closes.push(event.code))
    let syncs = 0
    tab.provider.on('synced', () => {
      syncs += 1
    })
    await waitForSynced(tab)
    for (let drop = 1; drop <= 6; drop++) {
      // The network drops: the server's end of the tab's socket goes away, the tab comes back.
      serverEnds.at(-1)?.destroy()
      await until(
        () => syncs > drop,
        (recheck) => {
          tab.provider.on('synced', recheck)
          return () => tab.provider.off('synced', recheck)
        },
        `the tab to sync again after drop ${drop}`,
      )
      await stillEditing({ writer: tab, reader: people.reader })
    }
    expect(closes).toHaveLength(6)
    expect(closes).not.toContain(CloseCode.rateLimited)
  })

  it('[H4] lets a socket with many documents ask each for the whole document twice at once', async () => {
    const server = await serve({})
    const fixture = await meetingFixture(server.url)
    const name = `meeting/${fixture.meetingId}`
    const tabs = dial(server)
    await tabs.opened
    // Eight providers on one shared socket, all (re)attaching at once: each authenticates and
    // asks to sync, then asks again as it is detached and attached once more.
    const addresses = Array.from({ length: 8 }, (_, i) => `${name}\0tab${i}`)
    const granted = addresses.map((address) => nextFrameOfType(tabs.socket, address, MessageType.Auth))
    for (const address of addresses) {
      tabs.socket.send(authFrame(address, fixture.owner.token))
      tabs.socket.send(wholeDocumentPlease(address))
    }
    await Promise.all(granted)
    for (const address of addresses) tabs.socket.send(wholeDocumentPlease(address))
    for (const address of addresses) expect(await closedOrAnswering(tabs, address)).toBe('answering')
  })
})

describe('[H4] bytes waiting to be written', () => {
  it('[H4] drops a socket that stops reading once more than MAX_BUFFERED_BYTES wait for it, and the meeting goes on', async () => {
    const server = await serve({ MAX_BUFFERED_BYTES: String(1024 * 1024) })
    const fixture = await meetingFixture(server.url)
    const name = `meeting/${fixture.meetingId}`
    const people = await bystanders(server, name, fixture.owner.token)
    typeParagraph(people.writer.doc, 'x'.repeat(768 * 1024))
    await waitForAcknowledged(people.writer)

    // The server's end of the next socket, to see it let go while the client still is not reading.
    const serverEnd = new Promise<Duplex>((resolve) => {
      server.server.app.server.once('upgrade', (_req, socket: Duplex) => resolve(socket))
    })
    const reader = dial(server)
    await reader.opened
    const serverSocket = await serverEnd
    const serverLetGo = new Promise<void>((resolve) => serverSocket.once('close', () => resolve()))
    await expect(authenticateRaw(reader.socket, name, fixture.owner.token)).resolves.toMatchObject({
      ok: true,
    })

    // Stops reading, and asks for the whole 768 KiB document five times (within its budget of
    // sync requests): ~3.75 MB owed to it.
    ;(reader.socket as WebSocket & { _socket: Duplex })._socket.pause()
    const ask = wholeDocumentPlease(name)
    for (let i = 0; i < 5; i++) reader.socket.send(ask)

    await serverLetGo
    await stillEditing(people)
    // A socket that does not read gets no close frame it could read: it is cut off.
    ;(reader.socket as WebSocket & { _socket: Duplex })._socket.resume()
    expect((await reader.closed).code).toBe(1006)
  })
})

import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { COPY_LIMIT } from '../src/collab/binary-frame.ts'
import { SendGate, SOCKETS_PER_SLICE } from '../src/collab/send-gate.ts'
import { frame, MessageType } from './raw-socket.ts'

const CLIENTS = SOCKETS_PER_SLICE * 2 + 20

let server: WebSocketServer
let serverSockets: WebSocket[] = []
let clients: WebSocket[] = []

beforeAll(async () => {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const { port } = server.address() as AddressInfo
  const accepted = new Promise<void>((resolve) => {
    server.on('connection', (socket) => {
      serverSockets.push(socket)
      if (serverSockets.length === CLIENTS) resolve()
    })
  })
  clients = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const client = new WebSocket(`ws://127.0.0.1:${port}`)
      await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject))
      return client
    }),
  )
  await accepted
})

afterAll(async () => {
  for (const client of clients) client.close()
  await new Promise((resolve) => server.close(resolve))
  serverSockets = []
  clients = []
})

const tcpOf = (socket: WebSocket) => (socket as WebSocket & { _socket: Duplex })._socket
const stillCorked = () => serverSockets.filter((socket) => tcpOf(socket).writableCorked > 0).length

/** A broadcast frame of the given sequence number (a sync frame, so the gate never holds it). */
const numbered = (n: number) => frame('doc', MessageType.Sync, (e) => encoding.writeUint8(e, n))

function received(client: WebSocket): number[] {
  const seen: number[] = []
  client.on('message', (data: Buffer) => seen.push(data[data.length - 1] ?? -1))
  return seen
}

describe('SendGate write batching', () => {
  it('writes a broadcast to a large room a slice of sockets per turn, and every client gets every frame in order', async () => {
    const gate = new SendGate()
    const wrapped = serverSockets.map((socket) => gate.wrap(socket))
    const seen = clients.map(received)

    for (const socket of wrapped) socket.send(numbered(1))
    for (const socket of wrapped) socket.send(numbered(2))
    // Nothing leaves while the sending callback runs: both frames go out in one write per socket.
    expect(stillCorked()).toBe(CLIENTS)

    const corkedWhenOtherWorkRan = new Promise<number>((resolve) =>
      setImmediate(() => resolve(stillCorked())),
    )
    await new Promise<void>((resolve) => process.nextTick(resolve))
    expect(stillCorked()).toBe(CLIENTS - SOCKETS_PER_SLICE)
    // Work queued behind the broadcast ran before its last slice was written.
    expect(await corkedWhenOtherWorkRan).toBeGreaterThan(0)

    await vi.waitFor(() => expect(seen.every((frames) => frames.length === 2)).toBe(true))
    expect(seen.every((frames) => frames[0] === 1 && frames[1] === 2)).toBe(true)
    expect(stillCorked()).toBe(0)
  })

  it('frames a payload of every length class once, and each socket receives it byte for byte', async () => {
    const gate = new SendGate()
    const ends = [0, 1].map((i) => {
      const [socket, client] = [serverSockets[i], clients[i]]
      if (!socket || !client) throw new Error('the test needs two connected clients')
      const frames: Buffer[] = []
      client.on('message', (data: Buffer) => frames.push(data))
      return { send: gate.wrap(socket).send, frames }
    })
    // 7-bit, 16-bit and 64-bit payload lengths (RFC 6455 §5.2), copied behind the header up to
    // COPY_LIMIT and written after it beyond; each with distinct content.
    const payloads = [0, 125, 126, COPY_LIMIT, COPY_LIMIT + 1, 65_535, 65_536, 200_000].map((length) =>
      Uint8Array.from({ length }, (_, i) => (i * 31 + length) % 256),
    )
    for (const payload of payloads) for (const end of ends) end.send(payload)
    // A different payload right after a broadcast is framed anew, not served from the last one.
    const last = numbered(7)
    ends[1]?.send(last)

    const expected = [payloads, [...payloads, last]].map((frames) => frames.map((f) => Buffer.from(f)))
    await vi.waitFor(() => expect(ends.map((end) => end.frames)).toEqual(expected))
  })
})

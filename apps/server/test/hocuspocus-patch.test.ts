import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { Document, Hocuspocus } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { build } from 'rolldown'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type WebSocket from 'ws'
import * as Y from 'yjs'
import { meetingFixture } from '../../../test/support/api-client.ts'
import {
  authenticateRaw,
  frame,
  MessageType,
  nextFrameOfType,
  openRawSocket,
  sendUpdate,
} from './raw-socket.ts'
import { type RunningServer, startServer } from './test-server.ts'

/**
 * What patches/@hocuspocus__server@4.7.0.patch must keep or give (patches/README.md): Hocuspocus'
 * own behaviour where the patch only makes it cheaper, and no undici for a change without a request.
 */

const servers: RunningServer[] = []
afterEach(async () => {
  vi.useRealTimers()
  for (const s of servers.splice(0)) await s.close()
})

describe('the store hook debounce (patched: no timer re-armed per change)', () => {
  it('stores once, a full debounce after the last change of a burst, and at the latest maxDebounce after its first', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    vi.setSystemTime(0)
    const stored: number[] = []
    const hocuspocus = new Hocuspocus({
      quiet: true,
      debounce: 1000,
      maxDebounce: 5000,
      extensions: [
        {
          async onStoreDocument() {
            stored.push(Date.now())
          },
        },
      ],
    })
    const connection = await hocuspocus.openDirectConnection('debounced')
    const change = (value: number) => connection.transact((doc) => doc.getMap('m').set('k', value))

    // A change every 300 ms from t=0 to t=2100: nothing stored while they keep coming.
    for (let i = 0; i < 8; i++) {
      await change(i)
      await vi.advanceTimersByTimeAsync(300)
    }
    expect(stored).toEqual([])
    await vi.advanceTimersByTimeAsync(699)
    expect(stored).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(stored).toEqual([3100])

    // Changes every 300 ms from t=4000 on, never a quiet second: stored at the first change
    // at least maxDebounce after t=4000, t=9100.
    await vi.advanceTimersByTimeAsync(900)
    for (let t = 4000; t <= 8800; t += 300) {
      await change(t)
      await vi.advanceTimersByTimeAsync(300)
    }
    expect(stored).toEqual([3100])
    await change(9100)
    await vi.advanceTimersByTimeAsync(0)
    expect(stored).toEqual([3100, 9100])

    await connection.disconnect()
  })
})

describe('hooks only Hocuspocus itself implements (patched: skipped)', () => {
  it('still runs each hook an extension or the configuration implements, extensions configured later included', async () => {
    const seen: string[] = []
    const hocuspocus = new Hocuspocus({
      quiet: true,
      async onChange({ documentName }) {
        seen.push(`configuration ${documentName}`)
      },
    })
    hocuspocus.configure({
      extensions: [
        {
          async onChange({ documentName, requestParameters }) {
            seen.push(`extension ${documentName} ${requestParameters.toString()}`)
          },
        },
      ],
    })
    const connection = await hocuspocus.openDirectConnection('hooked')
    await connection.transact((doc) => doc.getMap('m').set('k', 1))
    await vi.waitFor(() => expect(seen).toEqual(['extension hooked ', 'configuration hooked']))
    await connection.disconnect()
  })

  it('resolves a hook nobody implements to null, as the built-in no-op did', async () => {
    const hocuspocus = new Hocuspocus({ quiet: true })
    await expect(hocuspocus.hooks('onAwarenessUpdate', {} as never)).resolves.toBeNull()
    await expect(hocuspocus.hooks('beforeHandleMessage', {} as never)).resolves.toBeNull()
  })
})

describe('changes without a request (patched: no undici)', () => {
  it('a server-side edit shows its hooks empty request headers, and never loads Node’s undici', async () => {
    // Bundled as the server ships (unused parts of Hocuspocus, which touch undici, left out), and
    // run in a process of its own: the test runner may have loaded undici itself.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'confer-patch-'))
    try {
      const bundle = path.join(dir, 'server-side-edit.mjs')
      await build({
        input: fileURLToPath(new URL('fixtures/server-side-edit.ts', import.meta.url)),
        platform: 'node',
        logLevel: 'warn',
        output: { file: bundle, format: 'esm' },
      })
      const { stdout } = await promisify(execFile)(process.execPath, [bundle])
      expect(JSON.parse(stdout)).toEqual({ origins: [null, null, null], undici: false })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

/** The Yjs updates (sync messages of type Update) a socket receives about `name`, in order. */
function receivedUpdates(socket: WebSocket, name: string): Uint8Array[] {
  const updates: Uint8Array[] = []
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarString(decoder) !== name || decoding.readVarUint(decoder) !== MessageType.Sync) return
    if (decoding.readVarUint(decoder) === 2) updates.push(decoding.readVarUint8Array(decoder))
  })
  return updates
}

/** Who made the changes an update carries (their Yjs client ids). */
const authorsOf = (update: Uint8Array) => new Set(Y.decodeUpdate(update).structs.map((s) => s.id.client))

/** A running server with one meeting and two raw sockets; `join` authenticates a socket to addresses of it. */
async function meetingWithTwoSockets() {
  const s = await startServer()
  servers.push(s)
  const { owner, meetingId } = await meetingFixture(s.url)
  const name = `meeting/${meetingId}`
  const sockets = await Promise.all([openRawSocket(s.wsUrl), openRawSocket(s.wsUrl)])
  const join = async (socket: WebSocket, ...addresses: string[]) => {
    for (const address of addresses)
      expect(await authenticateRaw(socket, address, owner.token)).toMatchObject({ ok: true })
  }
  return { name, sockets, join }
}

describe('updates are not echoed to their sender (patched)', () => {
  it('[D5] sends a client’s update to every other client and only the acknowledgement back to it', async () => {
    const {
      name,
      sockets: [a, b],
      join,
    } = await meetingWithTwoSockets()
    await join(a, name)
    await join(b, name)
    const toA = receivedUpdates(a, name)
    const toB = receivedUpdates(b, name)
    const docA = new Y.Doc()
    const docB = new Y.Doc()

    docA.getText('probe').insert(0, 'from a')
    const bHearsA = nextFrameOfType(b, name, MessageType.Sync)
    expect(await sendUpdate(a, name, Y.encodeStateAsUpdate(docA))).toBe(true)
    await bHearsA
    // B's reply is handled after A's update was broadcast, so an echo to A would arrive first.
    docB.getText('probe').insert(0, 'from b')
    const aHearsB = nextFrameOfType(a, name, MessageType.Sync)
    expect(await sendUpdate(b, name, Y.encodeStateAsUpdate(docB))).toBe(true)
    await aHearsB

    expect(toA.map(authorsOf)).toEqual([new Set([docB.clientID])])
    expect(toB.map(authorsOf)).toEqual([new Set([docA.clientID])])
    a.close()
    b.close()
  })
})

/** An update frame for `address`, carrying everything `doc` holds. */
const updateFrame = (address: string, doc: Y.Doc) =>
  frame(address, MessageType.Sync, (e) => {
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc))
  })

/** A document holding one change, made by a client of its own. */
function changeBy(text: string): Y.Doc {
  const doc = new Y.Doc()
  doc.getText('probe').insert(0, text)
  return doc
}

/**
 * Two session-aware connections on one socket send their updates in one TCP write, so the server
 * reads and applies both in one event-loop turn and broadcasts them in one flush. Resolves once
 * both are acknowledged: every broadcast of that flush to those two connections came before.
 */
async function sendTogether(socket: WebSocket, a: string, b: string): Promise<{ a: Y.Doc; b: Y.Doc }> {
  const docs = { a: changeBy('from a'), b: changeBy('from b') }
  const acks = [
    nextFrameOfType(socket, a, MessageType.SyncStatus),
    nextFrameOfType(socket, b, MessageType.SyncStatus),
  ]
  const tcp = (socket as WebSocket & { _socket: { cork(): void; uncork(): void } })._socket
  tcp.cork()
  socket.send(updateFrame(a, docs.a))
  socket.send(updateFrame(b, docs.b))
  tcp.uncork()
  await Promise.all(acks)
  return docs
}

const union = (updates: Uint8Array[]) => new Set(updates.flatMap((u) => [...authorsOf(u)]))

describe('updates of one turn from several clients (patched: no echo, merged only for a large fan-out)', () => {
  it('[D5] in a small meeting, gives each sender the other’s update and not its own, and everyone else both', async () => {
    const {
      name,
      sockets: [senders, watcher],
      join,
    } = await meetingWithTwoSockets()
    const [a, b] = [`${name}\0a`, `${name}\0b`]
    await join(senders, a, b)
    await join(watcher, name)
    const [toA, toB, toWatcher] = [
      receivedUpdates(senders, a),
      receivedUpdates(senders, b),
      receivedUpdates(watcher, name),
    ]

    const docs = await sendTogether(senders, a, b)
    await vi.waitFor(() => expect(union(toWatcher)).toEqual(new Set([docs.a.clientID, docs.b.clientID])))
    expect(union(toA)).toEqual(new Set([docs.b.clientID]))
    expect(union(toB)).toEqual(new Set([docs.a.clientID]))
    senders.close()
    watcher.close()
  })

  it('[D5] in a large room, still delivers both updates of the turn to every connection', async () => {
    const {
      name,
      sockets: [senders, watchers],
      join,
    } = await meetingWithTwoSockets()
    const [a, b] = [`${name}\0a`, `${name}\0b`]
    // 2 senders and 16 watchers: one extra send per connection would be more than a merge costs.
    const watching = Array.from({ length: 16 }, (_, i) => `${name}\0w${i}`)
    await join(senders, a, b)
    await join(watchers, ...watching)
    const received = new Map(
      [...watching, a, b].map((address) => [
        address,
        receivedUpdates(address === a || address === b ? senders : watchers, address),
      ]),
    )

    const docs = await sendTogether(senders, a, b)
    const both = new Set([docs.a.clientID, docs.b.clientID])
    await vi.waitFor(() => {
      for (const address of watching) expect(union(received.get(address) ?? [])).toEqual(both)
    })
    expect(union(received.get(a) ?? [])).toContain(docs.b.clientID)
    expect(union(received.get(b) ?? [])).toContain(docs.a.clientID)
    senders.close()
    watchers.close()
  })
})

describe('the address each message starts with (patched: decoded again only when it changes)', () => {
  it('routes every message of a socket to its own connection, however the addresses alternate', async () => {
    const {
      name,
      sockets: [socket],
      join,
    } = await meetingWithTwoSockets()
    // Same length, different last byte: the case a stale cached address would get wrong.
    const [a, b] = [`${name}\0a`, `${name}\0b`]
    if (!socket) throw new Error('no socket')
    await join(socket, a, b)
    const acknowledged: string[] = []
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      const address = decoding.readVarString(decoder)
      if (decoding.readVarUint(decoder) === MessageType.SyncStatus) acknowledged.push(address)
    })

    const sent = [a, b, a, a, b, b, a]
    for (const [i, address] of sent.entries()) socket.send(updateFrame(address, changeBy(`change ${i}`)))
    await vi.waitFor(() => expect(acknowledged).toHaveLength(sent.length))
    // Each connection works through its own queue, so only the counts per address are certain.
    expect(acknowledged.filter((address) => address === a)).toHaveLength(4)
    expect(acknowledged.filter((address) => address === b)).toHaveLength(3)
    socket.close()
  })
})

describe('document events (patched: emitted without copying the listeners)', () => {
  it('reach the listeners registered when the event began, each once, in order', () => {
    const document = new Document('events')
    const heard: string[] = []
    const late = () => heard.push('late')
    const second = () => heard.push('second')
    const first = () => {
      heard.push('first')
      // As with lib0's emit: a listener added now misses this event, one removed now still gets it.
      document.on('update', late)
      document.off('update', second)
    }
    document.on('update', first)
    document.on('update', second)
    document.once('update', () => heard.push('once'))

    document.getText('t').insert(0, 'x')
    expect(heard).toEqual(['first', 'second', 'once'])
    heard.length = 0
    document.off('update', first)
    document.getText('t').insert(0, 'y')
    expect(heard).toEqual(['late'])
    document.destroy()
  })

  it('gives a lone listener the event’s arguments, and a listener it adds only the next event', () => {
    // 'update' always has Hocuspocus' own listener; nothing else listens to 'afterTransaction'.
    const document = new Document('lone')
    const heard: { listener: string; doc: Y.Doc }[] = []
    const late = (_: Y.Transaction, doc: Y.Doc) => heard.push({ listener: 'late', doc })
    const lone = (transaction: Y.Transaction, doc: Y.Doc) => {
      heard.push({ listener: 'lone', doc: transaction.doc })
      if (heard.length === 1) doc.on('afterTransaction', late)
    }
    document.on('afterTransaction', lone)

    document.getText('t').insert(0, 'x')
    expect(heard).toEqual([{ listener: 'lone', doc: document }])
    document.getText('t').insert(1, 'y')
    expect(heard.slice(1)).toEqual([
      { listener: 'lone', doc: document },
      { listener: 'late', doc: document },
    ])
    document.destroy()
  })
})

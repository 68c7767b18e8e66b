import type { Duplex } from 'node:stream'
import { MessageType, type WebSocketLike } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import type { WebSocket } from 'ws'
import { binaryFrame, COPY_LIMIT, frameHeader } from './binary-frame.ts'

const OPEN = 1

/**
 * How many sockets one event-loop turn writes to. Each write is a system call (~10–100 µs on
 * the bench machines), so a broadcast to a 200-client room written at once stalled the loop
 * for 20–35 ms (bench S4); in slices, the server reads and answers between them.
 */
export const SOCKETS_PER_SLICE = 50

/**
 * The TCP socket under a ws WebSocket. ws has no public way to batch frames, but its own
 * sendFrame corks and uncorks this same socket, which nests under an outer cork.
 */
function tcpOf(socket: WebSocket): Duplex | undefined {
  return (socket as WebSocket & { _socket?: Duplex })._socket
}

/** A Hocuspocus SyncStatus frame: the address (a length-prefixed string), then the message type. */
function isAcknowledgement(frame: Uint8Array): boolean {
  const decoder = decoding.createDecoder(frame)
  const addressLength = decoding.readVarUint(decoder)
  decoder.pos += addressLength
  return decoder.pos < frame.length && decoding.readVarUint(decoder) === MessageType.SyncStatus
}

/**
 * Every frame the server sends goes through the gate, which does two things.
 *
 * It holds acknowledgements while an update has been received but not yet committed.
 * Hocuspocus acknowledges an update (SyncStatus) right after applying it, before the update
 * log's batched commit runs at the end of the event-loop turn; holding the acknowledgements
 * until the commit means no provider drops a change from its unsynced set before the change is
 * durable. Every other frame (the broadcast of the update itself, awareness, sync replies) goes
 * out without waiting for the commit: a client that sees an uncommitted update holds a copy of
 * it and sends it back when it syncs again, so waiting would only add the commit's time to
 * everyone's latency (bench S2 and S4, test/bench/BASELINE.md).
 *
 * And it batches writes: a socket sent to is corked until the current callback ends, so all it
 * is sent meanwhile (an update and an awareness change of one flush, a sender's broadcast and
 * its acknowledgement around a commit) leaves in one system call, and at most
 * SOCKETS_PER_SLICE sockets are written per turn, the rest in the turns after, in the order
 * they were first sent to. A socket's frames always leave in the order they were sent.
 *
 * And it bounds what waits to be written to one socket (SPEC H4): a socket that stops reading
 * would otherwise hold every frame sent to it in memory. Once more than `maxBufferedBytes` wait
 * before a frame, its slow-reader handler is called. Held acknowledgements are not counted:
 * they leave at the end of the commit's turn, whatever the socket reads.
 */
export class SendGate {
  readonly #maxBufferedBytes: number
  /** What to do with a socket that does not read; only looked up when one does not. */
  readonly #onSlowReader = new WeakMap<WebSocket, () => void>()
  #held = false
  #queue: { socket: WebSocket; frame: Uint8Array }[] = []
  /** Between `cork` and `uncorkUnheld`: the commit decides when to write. */
  #committing = false
  /** TCP sockets corked and not yet written, in the order they were first sent to. */
  readonly #corked = new Set<Duplex>()
  #drainScheduled = false
  #sliceScheduled = false
  /**
   * The last payload framed and its frame: a broadcast sends one payload to every socket in turn.
   * Known by identity, which holds because no sender changes an array once sent (Hocuspocus
   * encodes a new one per message; a connection's acknowledgement is built once and never changed).
   */
  #lastPayload: Uint8Array | null = null
  #lastFrame: Buffer | null = null

  constructor(maxBufferedBytes = Number.POSITIVE_INFINITY) {
    this.#maxBufferedBytes = maxBufferedBytes
  }

  /** Queues acknowledgements from now on, until `release`. */
  hold(): void {
    this.#held = true
  }

  /** Keeps every socket sent to from now on corked until `uncorkUnheld` or `release`. */
  cork(): void {
    this.#committing = true
  }

  /** Writes what sockets owed no acknowledgement have buffered: they wait for nothing. */
  uncorkUnheld(): void {
    this.#committing = false
    const owed = new Set<Duplex | undefined>(this.#queue.map(({ socket }) => tcpOf(socket)))
    this.#drain(owed)
  }

  /**
   * Sends what was held, in order; frames for sockets closed meanwhile are dropped. A socket owed
   * several acknowledgements gets them, and whatever was corked before them, in one system call,
   * right away; sockets still corked beyond the commit's slice wait for the next turn.
   */
  release(): void {
    this.#held = false
    this.#sendHeld(this.#queue.length)
  }

  /** How many acknowledgements are held now. */
  heldCount(): number {
    return this.#queue.length
  }

  /**
   * Sends the first `count` held acknowledgements, as `release` does, and keeps holding the
   * rest: with one commit in flight and the next gathering updates, the acknowledgements queued
   * before the first began are its own, and those after wait for the next (UpdateLog).
   */
  releaseFirst(count: number): void {
    this.#sendHeld(count)
  }

  #sendHeld(count: number): void {
    this.#committing = false
    const all = count >= this.#queue.length
    const queue = all ? this.#queue : this.#queue.slice(0, count)
    this.#queue = all ? [] : this.#queue.slice(count)
    const owed: Duplex[] = []
    try {
      for (const { socket, frame } of queue) {
        if (socket.readyState !== OPEN) continue
        const tcp = this.#send(socket, frame)
        if (tcp) owed.push(tcp)
      }
    } finally {
      for (const tcp of owed) this.#write(tcp)
      if (this.#corked.size > 0) this.#scheduleSlice()
    }
  }

  /**
   * Sends a frame through the socket's corked TCP socket; returns that TCP socket. ws frames
   * every send on its own (a header buffer, an options object, two stream writes); a broadcast
   * sends one payload to many sockets, so it is framed once and the same bytes are written to
   * each. Only an open socket without extensions (no compression) is written to directly, where
   * ws itself would write the same bytes at once; anything else goes through ws.
   */
  #send(socket: WebSocket, payload: Uint8Array): Duplex | undefined {
    const tcp = this.#corkOnce(socket)
    if (tcp && socket.readyState === OPEN && socket.extensions === '') {
      let below: boolean
      if (payload.byteLength > COPY_LIMIT) {
        // A document-sized payload is not copied: header and payload leave in one writev.
        tcp.write(frameHeader(payload.byteLength))
        below = tcp.write(payload)
      } else {
        below = tcp.write(this.#framed(payload))
      }
      // Only past the stream's high-water mark is the backlog looked at: most writes pay nothing.
      if (!below) this.#bound(socket, tcp.writableLength - payload.byteLength)
    } else {
      socket.send(payload)
      // A closing socket only counts what is sent to it (ws drops it): nothing waits.
      if (socket.readyState === OPEN) this.#bound(socket, socket.bufferedAmount - payload.byteLength)
    }
    return tcp
  }

  /**
   * What waited before this frame: one frame of any size (a whole document's sync) is always
   * let through, a backlog beyond the limit is not.
   */
  #bound(socket: WebSocket, waiting: number): void {
    if (waiting <= this.#maxBufferedBytes) return
    const handler = this.#onSlowReader.get(socket)
    if (handler) handler()
    else socket.terminate()
  }

  #framed(payload: Uint8Array): Buffer {
    if (payload !== this.#lastPayload || this.#lastFrame === null) {
      this.#lastPayload = payload
      this.#lastFrame = binaryFrame(payload)
    }
    return this.#lastFrame
  }

  /** Corks the socket's TCP socket unless it is corked already; returns it. */
  #corkOnce(socket: WebSocket): Duplex | undefined {
    const tcp = tcpOf(socket)
    if (!tcp || this.#corked.has(tcp)) return tcp
    tcp.cork()
    this.#corked.add(tcp)
    if (!this.#committing) this.#scheduleDrain()
    return tcp
  }

  #write(tcp: Duplex): void {
    if (this.#corked.delete(tcp)) tcp.uncork()
  }

  /** Writes once the current callback is done, so everything it sends is batched. */
  #scheduleDrain(): void {
    if (this.#drainScheduled) return
    this.#drainScheduled = true
    process.nextTick(() => {
      this.#drainScheduled = false
      if (!this.#committing) this.#drain()
    })
  }

  /** Writes up to a slice of corked sockets (but `except`), and schedules the next slice. */
  #drain(except?: ReadonlySet<Duplex | undefined>): void {
    // The broadcast is over by now: its frame is not kept past it.
    this.#lastPayload = null
    this.#lastFrame = null
    let written = 0
    for (const tcp of this.#corked) {
      if (except?.has(tcp)) continue
      if (written === SOCKETS_PER_SLICE) {
        this.#scheduleSlice()
        return
      }
      this.#write(tcp)
      written++
    }
  }

  #scheduleSlice(): void {
    if (this.#sliceScheduled) return
    this.#sliceScheduled = true
    setImmediate(() => {
      this.#sliceScheduled = false
      if (!this.#committing) this.#drain()
    })
  }

  /**
   * The socket Hocuspocus is given: acknowledgements may be held, every frame is batched, and
   * `onSlowReader` is called when too much waits to be written to it (by default it is
   * terminated).
   */
  wrap(socket: WebSocket, onSlowReader?: () => void): WebSocketLike {
    if (onSlowReader) this.#onSlowReader.set(socket, onSlowReader)
    return {
      send: (frame) => {
        const bytes = frame as Uint8Array
        if (this.#held && isAcknowledgement(bytes)) {
          this.#queue.push({ socket, frame: bytes })
          return
        }
        this.#send(socket, bytes)
      },
      close: (code, reason) => socket.close(code, reason),
      get readyState() {
        return socket.readyState
      },
    }
  }
}

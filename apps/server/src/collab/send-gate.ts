import type { Duplex } from 'node:stream'
import { MessageType, type WebSocketLike } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import type { WebSocket } from 'ws'

const OPEN = 1

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
 * Holds acknowledgements while an update has been received but not yet committed. Hocuspocus
 * acknowledges an update (SyncStatus) right after applying it, before the update log's batched
 * commit runs at the end of the event-loop turn; holding the acknowledgements until the commit
 * means no provider drops a change from its unsynced set before the change is durable.
 *
 * Every other frame (the broadcast of the update itself, awareness, sync replies) goes out
 * without waiting for the commit: a client that sees an uncommitted update holds a copy of it
 * and sends it back when it syncs again, so waiting would only add the commit's time to
 * everyone's latency (bench S2 and S4, test/bench/BASELINE.md).
 *
 * Around a commit the gate can also cork: the update log broadcasts the turn's updates just
 * before committing, so whatever a sender is sent in that broadcast (another client's update of
 * the same turn; its own is not echoed back) and its acknowledgement leave in one system call.
 */
export class SendGate {
  #held = false
  #queue: { socket: WebSocket; frame: Uint8Array }[] = []
  #corking = false
  /** TCP sockets corked since `cork`, each uncorked exactly once. */
  readonly #corked = new Set<Duplex>()

  /** Queues acknowledgements from now on, until `release`. */
  hold(): void {
    this.#held = true
  }

  /** Corks every socket sent to from now on, until `uncorkUnheld` or `release`. */
  cork(): void {
    this.#corking = true
  }

  /** Lets out what corked sockets owed no acknowledgement have buffered: they wait for nothing. */
  uncorkUnheld(): void {
    this.#corking = false
    const owed = new Set<Duplex | undefined>(this.#queue.map(({ socket }) => tcpOf(socket)))
    for (const tcp of this.#corked) {
      if (owed.has(tcp)) continue
      this.#corked.delete(tcp)
      tcp.uncork()
    }
  }

  /**
   * Sends what was held, in order; frames for sockets closed meanwhile are dropped. A socket owed
   * several acknowledgements gets them, and whatever was corked before them, in one system call.
   */
  release(): void {
    this.#held = false
    this.#corking = false
    const queue = this.#queue
    this.#queue = []
    try {
      for (const { socket, frame } of queue) {
        if (socket.readyState !== OPEN) continue
        this.#corkOnce(socket)
        socket.send(frame)
      }
    } finally {
      for (const tcp of this.#corked) tcp.uncork()
      this.#corked.clear()
    }
  }

  #corkOnce(socket: WebSocket): void {
    const tcp = tcpOf(socket)
    if (!tcp || this.#corked.has(tcp)) return
    tcp.cork()
    this.#corked.add(tcp)
  }

  /** The socket Hocuspocus is given: acknowledgements go through the gate, the rest straight through. */
  wrap(socket: WebSocket): WebSocketLike {
    return {
      send: (frame) => {
        const bytes = frame as Uint8Array
        if (this.#corking) this.#corkOnce(socket)
        if (this.#held && isAcknowledgement(bytes)) this.#queue.push({ socket, frame: bytes })
        else socket.send(bytes)
      },
      close: (code, reason) => socket.close(code, reason),
      get readyState() {
        return socket.readyState
      },
    }
  }
}

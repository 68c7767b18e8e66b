import type { Duplex } from 'node:stream'
import type { WebSocketLike } from '@hocuspocus/server'
import type { WebSocket } from 'ws'

const OPEN = 1

/**
 * The TCP socket under a ws WebSocket. ws has no public way to batch frames, but its own
 * sendFrame corks and uncorks this same socket, which nests under an outer cork.
 */
function tcpOf(socket: WebSocket): Duplex | undefined {
  return (socket as WebSocket & { _socket?: Duplex })._socket
}

/**
 * Holds every outgoing collaboration frame while an update has been received but not yet
 * committed. Hocuspocus acknowledges an update (SyncStatus) right after applying it, before the
 * update log's batched commit runs at the end of the event-loop turn; holding the frames until
 * the commit means no acknowledgement, and no state that contains the update, leaves the server
 * before the update is durable. Frames keep their order: they are released in the order they
 * were sent, and nothing bypasses the queue while it is not empty.
 */
export class SendGate {
  #held = false
  #queue: { socket: WebSocket; frame: Uint8Array }[] = []

  /** Queues frames from now on, until `release`. */
  hold(): void {
    this.#held = true
  }

  /**
   * Sends what was held, in order; frames for sockets closed meanwhile are dropped. A socket
   * owed several frames (a broadcast, an awareness change, its own acknowledgement) gets them in
   * one system call: its TCP socket is corked until every frame is written.
   */
  release(): void {
    this.#held = false
    const queue = this.#queue
    this.#queue = []
    const corked = new Set<Duplex>()
    try {
      for (const { socket, frame } of queue) {
        if (socket.readyState !== OPEN) continue
        const tcp = tcpOf(socket)
        if (tcp && !corked.has(tcp)) {
          tcp.cork()
          corked.add(tcp)
        }
        socket.send(frame)
      }
    } finally {
      for (const tcp of corked) tcp.uncork()
    }
  }

  /** The socket Hocuspocus is given: sends go through the gate, closes and state go straight through. */
  wrap(socket: WebSocket): WebSocketLike {
    return {
      send: (frame) => {
        if (this.#held) this.#queue.push({ socket, frame: frame as Uint8Array })
        else socket.send(frame as Uint8Array)
      },
      close: (code, reason) => socket.close(code, reason),
      get readyState() {
        return socket.readyState
      },
    }
  }
}

import type { Socket } from 'node:net'
import { CloseCode, type Limits } from '@confer/model'
import type { FastifyBaseLogger } from 'fastify'
import type { WebSocket } from 'ws'
import type { CollabContext } from '../context.ts'
import { DocumentAddresses } from './document-addresses.ts'
import type { KeyedCounter } from './keyed-counter.ts'
import { TokenBucket } from './token-bucket.ts'

/** Sockets per client address and per account, shared by every socket of the process. */
export interface ConnectionCounts {
  addresses: KeyedCounter
  users: KeyedCounter
}

export interface LimitClose {
  code: number
  reason: string
}

/** How long a socket closed for a limit has to answer the close frame (ws would wait 30 s). */
const CLOSE_GRACE_MS = 2_000

/**
 * Closes a socket that went over a limit with a close frame saying why, and cuts it off if it
 * has not answered within CLOSE_GRACE_MS: one that floods or ignores the close must not keep
 * the server reading from it meanwhile.
 */
export function closeOverLimit(socket: WebSocket, code: number, reason: string): void {
  socket.close(code, reason)
  setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref()
}

/**
 * Hocuspocus copies the connection's default context into each document's hook payloads, so the
 * socket's budget reaches the SocketLimits extension through it.
 */
export type BudgetedContext = CollabContext & { socketBudget?: SocketBudget }

/**
 * What one socket may still cost (SPEC H4), and its closing when it asks for more. The address
 * place is claimed at the handshake; the rest is checked per message before anything decodes
 * it (the message rate, bytes before authentication, documents), at authentication (the
 * deadline, the account's sockets) and by the send gate (bytes waiting to be written).
 */
export class SocketBudget {
  readonly #socket: WebSocket
  readonly #address: string
  readonly #limits: Limits
  readonly #counts: ConnectionCounts
  readonly #log: FastifyBaseLogger
  readonly #bucket: TokenBucket
  readonly #documents: DocumentAddresses
  readonly #users = new Set<string>()
  #authenticated = false
  #preAuthBytes = 0
  #deadline: NodeJS.Timeout | null
  #closedWith: LimitClose | null = null
  #released = false

  /** Takes over the address place the caller claimed for this socket. */
  constructor(
    socket: WebSocket,
    address: string,
    limits: Limits,
    counts: ConnectionCounts,
    log: FastifyBaseLogger,
  ) {
    this.#socket = socket
    this.#address = address
    this.#limits = limits
    this.#counts = counts
    this.#log = log
    this.#bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst)
    this.#documents = new DocumentAddresses(limits.documentsPerSocket)
    this.#deadline = setTimeout(() => {
      this.#deadline = null
      if (!this.#authenticated) this.#close(CloseCode.authenticationTimeout, 'authentication timed out')
    }, limits.preAuthTimeoutMs)
    this.#deadline.unref()
  }

  /** Why we closed the socket, if we did: what Hocuspocus is told instead of ws' own code. */
  get closedWith(): LimitClose | null {
    return this.#closedWith
  }

  /** Checks one incoming message before it is decoded; false when it must not be handled. */
  admit(message: Uint8Array): boolean {
    if (this.#closedWith !== null) return false
    if (!this.#bucket.take()) return this.#close(CloseCode.rateLimited, 'too many messages')
    if (!this.#authenticated) {
      this.#preAuthBytes += message.byteLength
      if (this.#preAuthBytes > this.#limits.preAuthBytes) {
        return this.#close(CloseCode.payloadTooLarge, 'too much sent before authenticating')
      }
    }
    if (!this.#documents.admit(message)) {
      return this.#close(CloseCode.tooManyConnections, 'too many documents on one socket')
    }
    return true
  }

  /** A document of this socket was granted: the socket is past its authentication. */
  authenticated(): void {
    this.#authenticated = true
    if (this.#deadline) clearTimeout(this.#deadline)
    this.#deadline = null
  }

  /** The socket now acts for this account too; closes it when the account has its fill of sockets. */
  claimUser(userId: string): void {
    // A hook that finishes after the socket closed must not take a place nobody gives back.
    if (this.#released || this.#closedWith !== null || this.#users.has(userId)) return
    if (!this.#counts.users.claim(userId)) {
      this.#close(CloseCode.tooManyConnections, 'too many connections for this account')
      return
    }
    this.#users.add(userId)
  }

  /**
   * More than the allowed bytes wait to be written to it. A close frame would wait behind them
   * and never be read, so the connection is reset at once; the reset also frees what the
   * kernel holds for it.
   */
  slowReader(): void {
    if (this.#closedWith?.code === CloseCode.slowReader) return
    this.#closedWith = { code: CloseCode.slowReader, reason: 'slow reader' }
    this.#log.warn(
      { address: this.#address, code: CloseCode.slowReader },
      'dropped a socket that does not read',
    )
    const tcp = (this.#socket as WebSocket & { _socket?: Socket })._socket
    try {
      tcp?.resetAndDestroy()
    } catch {
      // Not a plain TCP handle (TLS, a pipe): terminating it below is enough.
    }
    this.#socket.terminate()
  }

  /** The socket closed: its places go back. */
  release(): void {
    if (this.#released) return
    this.#released = true
    if (this.#deadline) clearTimeout(this.#deadline)
    this.#deadline = null
    this.#counts.addresses.release(this.#address)
    for (const user of this.#users) this.#counts.users.release(user)
    this.#users.clear()
  }

  #close(code: number, reason: string): false {
    if (this.#closedWith !== null) return false
    this.#closedWith = { code, reason }
    this.#log.warn({ address: this.#address, code }, `closed a socket: ${reason}`)
    closeOverLimit(this.#socket, code, reason)
    return false
  }
}

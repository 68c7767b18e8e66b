import type { Socket } from 'node:net'
import { CloseCode, type Limits } from '@confer/model'
import type { Connection } from '@hocuspocus/server'
import type { FastifyBaseLogger } from 'fastify'
import type { WebSocket } from 'ws'
import type { CollabContext } from '../context.ts'
import type { AccountRates } from './account-rates.ts'
import { Admission, DocumentAddresses } from './document-addresses.ts'
import type { KeyedCounter } from './keyed-counter.ts'
import { SyncRequests } from './sync-requests.ts'
import { TokenBucket } from './token-bucket.ts'

/** Sockets per client address and per account, and what accounts' sockets left of their rate, shared by every socket of the process. */
export interface ConnectionCounts {
  addresses: KeyedCounter
  users: KeyedCounter
  rates: AccountRates
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
 * socket's budget reaches the SocketLimits and SocketHandover extensions through it.
 */
export type BudgetedContext = CollabContext & { socketBudget?: SocketBudget }

/**
 * What one socket may still cost (SPEC H4), and its closing when it asks for more. The address
 * place is claimed at the handshake; the rest is checked per message before anything decodes
 * it (the message rate, the frame's head, documents, bytes waiting for authentication, sync
 * requests), at authentication (the deadline, the account's sockets and what they left of their
 * rate) and by the send gate (bytes waiting to be written).
 */
export class SocketBudget {
  readonly #socket: WebSocket
  readonly #address: string
  readonly #counts: ConnectionCounts
  readonly #log: FastifyBaseLogger
  readonly #bucket: TokenBucket
  readonly #documents: DocumentAddresses
  readonly #syncRequests = new SyncRequests()
  readonly #users = new Set<string>()
  #authenticated = false
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
    this.#counts = counts
    this.#log = log
    this.#bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst)
    this.#documents = new DocumentAddresses(limits.documentsPerSocket, limits.preAuthBytes)
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
  admit(message: Uint8Array, isBinary: boolean): boolean {
    if (this.#closedWith !== null) return false
    if (!this.#bucket.take()) return this.#close(CloseCode.rateLimited, 'too many messages')
    if (!isBinary) return this.#close(CloseCode.malformedMessage, 'binary frames only')
    switch (this.#documents.admit(message)) {
      case Admission.pass:
        return true
      case Admission.syncRequest:
        return (
          this.#syncRequests.take(this.#documents.mostOpen) ||
          this.#close(CloseCode.rateLimited, 'too many sync requests')
        )
      case Admission.malformed:
        return this.#close(CloseCode.malformedMessage, 'malformed message')
      case Admission.tooManyDocuments:
        return this.#close(CloseCode.tooManyConnections, 'too many documents on one socket')
      case Admission.tooMuchWaiting:
        return this.#close(CloseCode.payloadTooLarge, 'too much sent before authenticating')
    }
  }

  /** A document of this socket was granted: the socket is past its authentication. */
  authenticated(): void {
    this.#authenticated = true
    if (this.#deadline) clearTimeout(this.#deadline)
    this.#deadline = null
  }

  /**
   * Hocuspocus set up a document connection of this socket: what waited for it has been handed
   * over, and its place is given back when it closes.
   */
  connected(connection: Connection): void {
    const { document, sessionId } = connection
    // The address as the socket sent it (ClientConnection splits it at the first NUL).
    const address = sessionId === null ? document.name : `${document.name}\0${sessionId}`
    // Closed already, by a Close that waited with its authentication: Hocuspocus takes the
    // address's next frame as a new one waiting, so it stays waiting here too.
    if (!document.hasConnection(connection)) return
    this.#documents.connected(address)
    connection.onClose(() => this.#documents.closed(address))
  }

  /**
   * The socket now acts for this account too; closes it when the account has its fill of
   * sockets. From here on it has no more of its message rate than the account's last sockets
   * left when they closed (AccountRates).
   */
  claimUser(userId: string): void {
    // A hook that finishes after the socket closed must not take a place nobody gives back.
    if (this.#released || this.#closedWith !== null || this.#users.has(userId)) return
    if (!this.#counts.users.claim(userId)) {
      this.#close(CloseCode.tooManyConnections, 'too many connections for this account')
      return
    }
    this.#users.add(userId)
    this.#counts.rates.join(userId, this.#bucket)
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
    for (const user of this.#users) {
      this.#counts.users.release(user)
      this.#counts.rates.leave(user, this.#bucket)
    }
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

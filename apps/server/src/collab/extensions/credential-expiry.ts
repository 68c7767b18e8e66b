import { CloseCode } from '@confer/model'
import type { Connection, connectedPayload, Extension } from '@hocuspocus/server'
import type { CollabContext } from '../context.ts'

/** setTimeout fires at once for longer delays; a 30-day session is re-armed in steps this long. */
const LONGEST_TIMER_MS = 2 ** 31 - 1

/**
 * Closes a socket with 4401 when the session or token it authenticated with expires (SPEC A8),
 * so an open tab cannot outlive its credential. One timer per connection, cleared when the
 * connection closes first.
 */
export class CredentialExpiry implements Extension {
  readonly extensionName = 'confer-credential-expiry'

  readonly #timers = new Map<Connection, NodeJS.Timeout>()
  readonly #now: () => number

  constructor(now: () => number = Date.now) {
    this.#now = now
  }

  /** Connections waiting for their credential to expire (operators and tests watch for leaks). */
  get pending(): number {
    return this.#timers.size
  }

  async connected({ connection, context }: connectedPayload<CollabContext>): Promise<void> {
    const expiresAt = context.credentialExpiresAt
    if (expiresAt === undefined) return
    // The socket may have closed while earlier hooks ran: its onClose callbacks are spent.
    if (!connection.document.hasConnection(connection)) return
    connection.onClose(() => this.#cancel(connection))
    this.#arm(connection, expiresAt)
  }

  #arm(connection: Connection, expiresAt: number): void {
    const delay = expiresAt - this.#now()
    if (delay <= 0) {
      this.#timers.delete(connection)
      connection.webSocket.close(CloseCode.credentialExpired, 'credential expired')
      return
    }
    const timer = setTimeout(() => this.#arm(connection, expiresAt), Math.min(delay, LONGEST_TIMER_MS))
    // A pending expiry must not keep a stopping server alive.
    timer.unref()
    this.#timers.set(connection, timer)
  }

  #cancel(connection: Connection): void {
    clearTimeout(this.#timers.get(connection))
    this.#timers.delete(connection)
  }
}

/**
 * SQLSTATE classes that say PostgreSQL cannot serve right now, whatever the request:
 * 08 connection lost or refused, 53 out of disk, memory or connections, 57 shut down, restarting
 * or the statement cancelled by its timeout, 58 an I/O error, 3D the database is not there.
 */
const UNAVAILABLE_CLASSES = new Set(['08', '53', '57', '58', '3D'])
/** The server is a read-only standby (a failover in progress). */
const READ_ONLY_TRANSACTION = '25006'
/** What Node says when the connection itself fails. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
])
/** pg's own errors carry no code, only these messages (pg 8: client.js and pg-pool). */
const POOL_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/

/**
 * Whether `error` came from PostgreSQL (or the way to it) being unavailable rather than from the
 * request: the caller answers 503 and the client tries again, instead of a 500.
 */
export function isPostgresUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code) || code === READ_ONLY_TRANSACTION) return true
    if (code.length === 5 && UNAVAILABLE_CLASSES.has(code.slice(0, 2))) return true
  }
  const message = (error as { message?: unknown }).message
  return typeof message === 'string' && POOL_MESSAGES.test(message)
}

import { Pool, type PoolClient } from 'pg'

export interface PoolOptions {
  /** Connections this process may hold; N processes hold up to N × max on the server. */
  max?: number
  /** A statement running longer than this is cancelled by the server (0 = no limit). */
  statementTimeoutMs?: number
  /**
   * An idle client lost its connection (server restart, network cut). The pool drops that
   * client and opens a new one on the next query; this is for counting and logging it.
   */
  onError?: (error: Error) => void
}

const DEFAULT_MAX = 10
const CONNECT_TIMEOUT_MS = 10_000
const IDLE_TIMEOUT_MS = 30_000
const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000
/** A transaction left open by a bug would hold its locks forever; the server ends it instead. */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000

/**
 * A connection pool on `url` (a postgres:// DATABASE_URL). Every wait is bounded: getting a
 * connection, running a statement, sitting in an open transaction; so a stalled database turns
 * into errors the callers report, never into requests that hang.
 */
export function createPool(url: string, options: PoolOptions = {}): Pool {
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? DEFAULT_MAX,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: IDLE_TIMEOUT_MS,
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    application_name: 'confer',
    // A peer that vanished without a FIN is noticed instead of being waited on.
    keepAlive: true,
  })
  // Without a listener, an idle client's error is an unhandled 'error' event: the process exits.
  const onError = options.onError ?? ((error: Error) => console.error('PostgreSQL idle client error:', error))
  pool.on('error', onError)
  return pool
}

/** Runs `work` in one transaction on one connection: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    try {
      await client.query('ROLLBACK')
    } catch (rollbackError) {
      // The connection itself failed: it must not go back into the pool.
      broken = rollbackError as Error
    }
    throw error
  } finally {
    client.release(broken)
  }
}

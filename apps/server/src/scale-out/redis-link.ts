import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'

export interface RedisLinkLogger {
  warn(details: object, message: string): void
}

export interface RedisLinkOptions {
  url: string
  /** Before every key and channel: several deployments (or test files) can share one Redis. */
  prefix: string
  /** Every connection or command error (the metric `confer_redis_errors_total`). */
  onError: (error: Error) => void
  logger: RedisLinkLogger
}

/** Long enough for a Redis restart to go unnoticed, short enough that a login never hangs on it. */
const CONNECT_TIMEOUT_MS = 5_000

/**
 * This process' connections to the Redis all processes of a deployment share: one for commands
 * (counters, publishing, readiness) and as many subscribers as need one (a connection in
 * subscriber mode can run nothing else). ioredis reconnects by itself; every error is counted
 * and logged once per outage, not once per retry.
 */
export class RedisLink {
  readonly prefix: string
  /** This process among the others: a message it published is not applied again on its return. */
  readonly processId = `confer-${randomUUID()}`
  readonly commands: Redis
  readonly #options: RedisLinkOptions
  readonly #clients: Redis[] = []

  constructor(options: RedisLinkOptions) {
    this.#options = options
    this.prefix = options.prefix
    this.commands = this.connect('commands')
  }

  /** A new connection (a subscriber, say), closed with the link. */
  connect(role: string): Redis {
    const client = new Redis(this.#options.url, {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // A command waits through one reconnection at most, then fails: callers fall back.
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    })
    let failing = false
    client.on('error', (error: Error) => {
      this.#options.onError(error)
      if (failing) return
      failing = true
      this.#options.logger.warn({ err: error, redis: role }, 'Redis connection failed; reconnecting')
    })
    client.on('ready', () => {
      failing = false
    })
    this.#clients.push(client)
    return client
  }

  /** A command that failed: counted and logged like a connection error. */
  failed(error: unknown, what: string): void {
    const err = error instanceof Error ? error : new Error(String(error))
    this.#options.onError(err)
    this.#options.logger.warn({ err }, `Redis: ${what} failed`)
  }

  /** Answers when Redis does (the readiness check); rejects when it does not. */
  ping(): Promise<unknown> {
    return this.commands.ping()
  }

  async close(): Promise<void> {
    await Promise.all(this.#clients.splice(0).map((client) => client.quit().catch(() => client.disconnect())))
  }
}

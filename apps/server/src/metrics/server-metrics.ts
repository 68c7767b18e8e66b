import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { CommitObserver } from '../collab/update-log.ts'

/** What a scrape reads off the running server at that moment, rather than tracking it as it changes. */
export interface LiveCounts {
  /** Open /collab WebSockets, authenticated or not. */
  connections(): number
  documents(): number
}

/** From 0.1 ms (a SQLite commit) to 1 s (a PostgreSQL in trouble). */
const COMMIT_SECONDS_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1,
]

/**
 * This server's own metrics, in a registry of its own: tests run several servers in one process,
 * and prom-client's global registry refuses a name twice. Updates are counted once per update-log
 * commit, never per message, so the hot path gains no allocation per update.
 */
export class ServerMetrics implements CommitObserver {
  readonly registry = new Registry()
  /** For the PostgreSQL stores: every query that fails. */
  readonly postgresErrors = new Counter({
    name: 'confer_postgres_errors_total',
    help: 'PostgreSQL queries that failed.',
    registers: [this.registry],
  })
  /** For the Redis link between processes: every command or connection error. */
  readonly redisErrors = new Counter({
    name: 'confer_redis_errors_total',
    help: 'Redis commands or connections that failed.',
    registers: [this.registry],
  })
  readonly #updates = new Counter({
    name: 'confer_document_updates_total',
    help: 'Document updates committed to the update log (rate() gives updates per second).',
    registers: [this.registry],
  })
  readonly #commitSeconds = new Histogram({
    name: 'confer_update_log_commit_seconds',
    help: 'Time to commit one batch of document updates to the update log.',
    buckets: COMMIT_SECONDS_BUCKETS,
    registers: [this.registry],
  })
  readonly #commitFailures = new Counter({
    name: 'confer_update_log_commit_failures_total',
    help: 'Update-log commits that failed; their senders were disconnected and acknowledged nothing.',
    registers: [this.registry],
  })

  /** Reports `live` at each scrape. */
  watch(live: LiveCounts): void {
    new Gauge({
      name: 'confer_collab_connections',
      help: 'Open /collab WebSocket connections.',
      registers: [this.registry],
      collect() {
        this.set(live.connections())
      },
    })
    new Gauge({
      name: 'confer_documents_loaded',
      help: 'Documents loaded in memory.',
      registers: [this.registry],
      collect() {
        this.set(live.documents())
      },
    })
  }

  committed(updates: number, seconds: number): void {
    this.#updates.inc(updates)
    this.#commitSeconds.observe(seconds)
  }

  failed(): void {
    this.#commitFailures.inc()
  }
}

import type { DomainEvents } from '../services/domain-events.ts'
import { DomainEventRelay } from './domain-event-relay.ts'
import { RedisLink, type RedisLinkLogger } from './redis-link.ts'

export interface ProcessLinkOptions {
  url: string
  prefix: string
  events: DomainEvents
  /** Counts every Redis error (the metric `confer_redis_errors_total`). */
  onError: () => void
  logger: RedisLinkLogger
}

/**
 * What joins this process to the others of a deployment through Redis, apart from documents
 * (collab/extensions/redis-sync.ts, given `link`): domain events. Rate limits use `link` too.
 */
export interface ProcessLink {
  link: RedisLink
  /** Resolves once events from the other processes arrive; a Redis that does not answer is logged, not fatal. */
  ready(): Promise<void>
  close(): Promise<void>
}

export function linkProcesses(options: ProcessLinkOptions): ProcessLink {
  const link = new RedisLink({
    url: options.url,
    prefix: options.prefix,
    onError: options.onError,
    logger: options.logger,
  })
  const relay = new DomainEventRelay(options.events, link)
  return {
    link,
    // Failures are counted and logged where they happen: the process starts, /api/ready says why.
    ready: () => relay.ready().catch(() => {}),
    close: () => link.close(),
  }
}

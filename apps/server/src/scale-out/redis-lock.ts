import { randomUUID } from 'node:crypto'
import { LocalLock, type MeetingLock } from '../services/meeting-lock.ts'
import { ServiceError } from '../services/service-error.ts'
import type { RedisLink } from './redis-link.ts'

/** Long enough for one action (a document load, a commit, a compaction); a dead holder's lock is gone after it. */
const LEASE_MS = 5_000
/** A waiter outwaits a dead holder's whole lease, then gives up. */
const WAIT_MS = 2 * LEASE_MS
/** A Redis that does not answer within this (a half-open link) is taken as gone. */
const COMMAND_TIMEOUT_MS = 2_000
const FIRST_RETRY_MS = 5
const LAST_RETRY_MS = 100

/** Deletes the key only while it still holds our token: a lock whose lease ran out may be someone else's now. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`
/** Extends the lease only while the key still holds our token. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0`

/** The Redis key of the lock on `key` (tests look at it). */
export const redisLockKey = (prefix: string, key: string): string => `${prefix}lock:${key}`

export interface RedisLockOptions {
  leaseMs?: number
  waitMs?: number
}

/**
 * A lease lock in the Redis all processes share: `SET key token NX PX lease`, retried with
 * backoff while another process holds it, released by a compare-and-delete, renewed while the
 * work runs. A holder that dies without releasing blocks the key for one lease at most.
 * Within this process the waiters of a key queue in memory, so only one of them asks Redis.
 * When Redis does not answer the work does not run: the caller gets 503 `unavailable`, since
 * acting without the lock could undo what another process just did.
 */
export class RedisLock implements MeetingLock {
  readonly #link: RedisLink
  readonly #local = new LocalLock()
  readonly #leaseMs: number
  readonly #waitMs: number

  constructor(link: RedisLink, options: RedisLockOptions = {}) {
    this.#link = link
    this.#leaseMs = options.leaseMs ?? LEASE_MS
    this.#waitMs = options.waitMs ?? WAIT_MS
  }

  runExclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.#local.runExclusive(key, async () => {
      const redisKey = redisLockKey(this.#link.prefix, key)
      const token = await this.#acquire(redisKey)
      const renewal = setInterval(() => this.#renew(redisKey, token), this.#leaseMs / 3)
      renewal.unref()
      try {
        return await work()
      } finally {
        clearInterval(renewal)
        await this.#release(redisKey, token)
      }
    })
  }

  async #acquire(key: string): Promise<string> {
    const token = `${this.#link.processId}:${randomUUID()}`
    const deadline = Date.now() + this.#waitMs
    let delay = FIRST_RETRY_MS
    for (;;) {
      const taken = await this.#command('taking a lock', () =>
        this.#link.commands.set(key, token, 'PX', this.#leaseMs, 'NX'),
      )
      if (taken === 'OK') return token
      if (Date.now() + delay > deadline) {
        throw new ServiceError(
          503,
          'unavailable',
          'Another action on this meeting is still being applied. Try again in a moment.',
        )
      }
      // Jitter, so the waiters of several processes do not ask in step.
      await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay))
      delay = Math.min(delay * 2, LAST_RETRY_MS)
    }
  }

  #renew(key: string, token: string): void {
    this.#command('renewing a lock', () => this.#link.commands.eval(RENEW, 1, key, token, this.#leaseMs))
      .then((renewed) => {
        if (renewed !== 1) this.#link.failed(new Error(`lock ${key} was lost`), 'renewing a lock')
      })
      .catch(() => {})
  }

  /** A release that fails leaves the lock to expire: the work is done, so its caller is not told. */
  async #release(key: string, token: string): Promise<void> {
    await this.#command('releasing a lock', () => this.#link.commands.eval(RELEASE, 1, key, token)).catch(
      () => {},
    )
  }

  /** Runs a Redis command; one that fails or does not answer in time is counted and becomes a 503. */
  async #command<T>(what: string, run: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not answer within ${COMMAND_TIMEOUT_MS} ms`)),
        COMMAND_TIMEOUT_MS,
      )
    })
    try {
      return await Promise.race([run(), timeout])
    } catch (error) {
      this.#link.failed(error, what)
      throw new ServiceError(
        503,
        'unavailable',
        'The server cannot reach the service that keeps its processes in step. Try again shortly.',
      )
    } finally {
      clearTimeout(timer)
    }
  }
}

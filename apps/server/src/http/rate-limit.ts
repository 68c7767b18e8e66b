import { createHash } from 'node:crypto'
import type { Config } from '../config.ts'
import type { RedisLink } from '../scale-out/redis-link.ts'
import { ServiceError } from '../services/service-error.ts'

/** Counts attempts per key (a client address, an account's email) and refuses those over the limit. */
export interface AttemptLimiter {
  /** Counts one attempt; throws (or rejects with) a 429 once the key is over its limit in the current window. */
  hit(key: string): void | Promise<void>
  /** Takes back one counted attempt that turned out not to count (a log-in that succeeded). */
  release(key: string): void | Promise<void>
}

/** Sign-up and log-in attempts per client address (`AUTH_RATE_LIMIT` per this window). */
export const AUTH_ADDRESS_WINDOW_MS = 60_000
/** Failed log-ins per account (`AUTH_ACCOUNT_RATE_LIMIT` per this window), SPEC W3. */
export const AUTH_ACCOUNT_WINDOW_MS = 15 * 60_000

/**
 * The auth limiters: in this process alone, or, with Redis, one count for every process (a
 * guesser spreading attempts over the processes behind a load balancer gets no more of them).
 */
export function authLimiters(
  config: Pick<Config, 'authRateLimit' | 'authAccountRateLimit'>,
  redis: RedisLink | null,
): { authLimiter: AttemptLimiter; accountLimiter: AttemptLimiter } {
  const address = new RateLimiter(config.authRateLimit, AUTH_ADDRESS_WINDOW_MS)
  const account = new RateLimiter(config.authAccountRateLimit, AUTH_ACCOUNT_WINDOW_MS)
  if (!redis) return { authLimiter: address, accountLimiter: account }
  return {
    authLimiter: new RedisRateLimiter(redis, 'auth-address', address),
    accountLimiter: new RedisRateLimiter(redis, 'auth-account', account),
  }
}

/** Calendar feed requests per client address (`CALENDAR_FEED_RATE_LIMIT` per this window), SPEC X4. */
export const CALENDAR_FEED_WINDOW_MS = 60_000

/** The calendar feed's limiter: per process, or counted in Redis for every process. */
export function calendarFeedLimiter(
  config: Pick<Config, 'calendarFeedRateLimit'>,
  redis: RedisLink | null,
): AttemptLimiter {
  const local = new RateLimiter(config.calendarFeedRateLimit, CALENDAR_FEED_WINDOW_MS)
  return redis ? new RedisRateLimiter(redis, 'calendar-feed', local) : local
}

/**
 * A fixed-window counter per key, in memory and per process: it blunts password guessing
 * against one instance; limits are configurable so load tests can raise them.
 */
export class RateLimiter implements AttemptLimiter {
  readonly limit: number
  readonly windowMs: number
  readonly #windows = new Map<string, { start: number; count: number }>()
  readonly #now: () => number

  constructor(limit: number, windowMs: number, now: () => number = Date.now) {
    this.limit = limit
    this.windowMs = windowMs
    this.#now = now
  }

  hit(key: string): void {
    const now = this.#now()
    let window = this.#windows.get(key)
    if (!window || now - window.start >= this.windowMs) {
      if (this.#windows.size > 10_000) this.#sweep(now)
      window = { start: now, count: 0 }
      this.#windows.set(key, window)
    }
    window.count += 1
    if (window.count > this.limit) throw tooManyAttempts(window.start + this.windowMs - now)
  }

  release(key: string): void {
    const window = this.#windows.get(key)
    if (window && window.count > 0) window.count -= 1
  }

  #sweep(now: number): void {
    for (const [key, w] of this.#windows) if (now - w.start >= this.windowMs) this.#windows.delete(key)
  }
}

/** A login must not hang on Redis: past this, the process counts on its own. */
const REDIS_DEADLINE_MS = 500

// One round trip each, atomic: the window starts with its first attempt and expires with it.
const HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`
const RELEASE = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return 0`

/**
 * The same fixed window, counted in Redis for every process at once. Keys hold a hash of the
 * address or email, not the thing itself. While Redis does not answer (within half a second),
 * the process falls back to its own count rather than refusing or waving everyone through.
 */
export class RedisRateLimiter implements AttemptLimiter {
  readonly #link: RedisLink
  readonly #keyPrefix: string
  readonly #local: RateLimiter

  constructor(link: RedisLink, name: string, local: RateLimiter) {
    this.#link = link
    this.#keyPrefix = `${link.prefix}rate:${name}:`
    this.#local = local
  }

  async hit(key: string): Promise<void> {
    const answer = await this.#run(HIT, key, this.#local.windowMs)
    if (answer === null) return this.#local.hit(key)
    const [count, ttl] = answer as [number, number]
    if (count > this.#local.limit) throw tooManyAttempts(ttl)
  }

  async release(key: string): Promise<void> {
    const answer = await this.#run(RELEASE, key, 0)
    if (answer === null) this.#local.release(key)
  }

  /** The script's answer, or null when Redis failed or was too slow (counted as a Redis error). */
  async #run(script: string, key: string, arg: number): Promise<unknown> {
    const redisKey = this.#keyPrefix + createHash('sha256').update(key).digest('base64url')
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${REDIS_DEADLINE_MS} ms`)),
        REDIS_DEADLINE_MS,
      )
    })
    try {
      return await Promise.race([this.#link.commands.eval(script, 1, redisKey, arg), late])
    } catch (error) {
      this.#link.failed(error, 'counting an attempt')
      return null
    } finally {
      clearTimeout(timer)
    }
  }
}

function tooManyAttempts(remainingMs: number): ServiceError {
  const seconds = Math.max(1, Math.ceil(remainingMs / 1000))
  const wait = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`
  return new ServiceError(429, 'too_many_requests', `Too many attempts. Try again in ${wait}.`)
}

import { ServiceError } from '../services/service-error.ts'

/**
 * A fixed-window counter per key (a client address, or an account's email). In memory and per
 * process: it blunts password guessing against one instance; limits are configurable so load
 * tests can raise them.
 */
export class RateLimiter {
  readonly #limit: number
  readonly #windowMs: number
  readonly #windows = new Map<string, { start: number; count: number }>()
  readonly #now: () => number

  constructor(limit: number, windowMs: number, now: () => number = Date.now) {
    this.#limit = limit
    this.#windowMs = windowMs
    this.#now = now
  }

  /** Counts one attempt; throws a 429 once the key is over its limit in the current window. */
  hit(key: string): void {
    const now = this.#now()
    let window = this.#windows.get(key)
    if (!window || now - window.start >= this.#windowMs) {
      if (this.#windows.size > 10_000) this.#sweep(now)
      window = { start: now, count: 0 }
      this.#windows.set(key, window)
    }
    window.count += 1
    if (window.count > this.#limit) {
      const seconds = Math.ceil((window.start + this.#windowMs - now) / 1000)
      const wait = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`
      throw new ServiceError(429, 'too_many_requests', `Too many attempts. Try again in ${wait}.`)
    }
  }

  /** Takes back one counted attempt that turned out not to count (a log-in that succeeded). */
  release(key: string): void {
    const window = this.#windows.get(key)
    if (window && window.count > 0) window.count -= 1
  }

  #sweep(now: number): void {
    for (const [key, w] of this.#windows) if (now - w.start >= this.#windowMs) this.#windows.delete(key)
  }
}

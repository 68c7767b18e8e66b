/**
 * A token bucket: `burst` messages at once, refilled at `perSecond`. People type a few
 * keystrokes a second and a provider batches them; a socket over the bucket is a script.
 */
export class TokenBucket {
  readonly #perMs: number
  #burst: number
  #tokens: number
  #at: number

  constructor(perSecond: number, burst: number, now = performance.now()) {
    this.#perMs = perSecond / 1000
    this.#burst = burst
    this.#tokens = burst
    this.#at = now
  }

  /** Takes one token; false when none is left. */
  take(now = performance.now()): boolean {
    const tokens = this.level(now)
    this.#at = now
    if (tokens < 1) {
      this.#tokens = tokens
      return false
    }
    this.#tokens = tokens - 1
    return true
  }

  /** The tokens it holds at `now`. */
  level(now = performance.now()): number {
    return Math.min(this.#burst, this.#tokens + (now - this.#at) * this.#perMs)
  }

  /** Holds `tokens` more at `now`, and may hold as many more from then on. */
  grow(tokens: number, now = performance.now()): void {
    this.#tokens = this.level(now) + tokens
    this.#burst += tokens
    this.#at = now
  }

  /** Holds no more than `tokens` from `now` on. */
  cap(tokens: number, now = performance.now()): void {
    const level = this.level(now)
    this.#tokens = Math.min(level, tokens)
    this.#at = now
  }
}

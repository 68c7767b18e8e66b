import type { TokenBucket } from './token-bucket.ts'

interface Left {
  tokens: number
  at: number
}

/**
 * What an account's sockets had left of their message budget when they closed, kept until it
 * would have refilled. Without it a socket closed with 4430 came back 250 ms later with a whole
 * new burst (bench S7 measured ~2,500 messages a second per flooder); with it, the next socket
 * of that account starts where the last one ended, plus what the elapsed time refilled.
 *
 * Per account, not per address: a school shares one NAT address, and one teacher's flood must
 * not cost a colleague their socket. Each socket still has a bucket of its own (one person's
 * tabs, or the benchmark's thousand clients of one account, each keep the full rate); only
 * coming back no longer refills it.
 *
 * Before its document is set up a socket has no account, and nothing is kept per address: that
 * would let one script behind a NAT starve everyone's sign-in (bench S7's meeting shares its
 * address with 500 flooding sockets). What a socket sends then waits for authentication,
 * bounded by its own bucket and PREAUTH_MAX_BYTES (~1,000 frames), and is handled only once the
 * document is granted; the account is known only after that (the `connected` hook), so a script
 * that packs its frames in with its authentication still gets that much per connection.
 */
export class AccountRates {
  readonly #left = new Map<string, Left>()
  readonly #perMs: number
  readonly #burst: number
  /** How long an emptied bucket takes to refill: past it, what was left no longer matters. */
  readonly #refillMs: number

  constructor(perSecond: number, burst: number) {
    this.#perMs = perSecond / 1000
    this.#burst = burst
    this.#refillMs = burst / this.#perMs
  }

  /** A socket of `account` closed with `bucket`: the least any of its sockets left is kept. */
  leave(account: string, bucket: TokenBucket, now = performance.now()): void {
    this.#forgetRefilled(now)
    const tokens = bucket.level(now)
    if (tokens >= this.#burst) return
    const kept = this.#left.get(account)
    if (kept && this.#level(kept, now) <= tokens) return
    // Deleted first, so that the map stays in the order of `at` #forgetRefilled relies on.
    this.#left.delete(account)
    this.#left.set(account, { tokens, at: now })
  }

  /** A socket now acts for `account`: it holds no more than the account's last sockets left. */
  join(account: string, bucket: TokenBucket, now = performance.now()): void {
    this.#forgetRefilled(now)
    const kept = this.#left.get(account)
    if (kept) bucket.cap(this.#level(kept, now), now)
  }

  /** Accounts remembered (an operator's gauge, and the tests'). */
  get size(): number {
    return this.#left.size
  }

  #level(left: Left, now: number): number {
    return Math.min(this.#burst, left.tokens + (now - left.at) * this.#perMs)
  }

  /** Drops the entries whose buckets would be full again by now: they say nothing any more. */
  #forgetRefilled(now: number): void {
    for (const [account, left] of this.#left) {
      if (now - left.at < this.#refillMs) return
      this.#left.delete(account)
    }
  }
}

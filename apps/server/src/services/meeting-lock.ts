/**
 * Runs work on one key (a meeting's round, say) one at a time. On a lone process an in-process
 * queue is enough; processes that share one database take a lock in Redis as well
 * (scale-out/redis-lock.ts), so the same holds whichever process a request reaches.
 */
export interface MeetingLock {
  /** Runs `work` once every earlier work on `key` has settled; its result or error is the caller's. */
  runExclusive<T>(key: string, work: () => Promise<T>): Promise<T>
}

/** One queue per key in this process; a key's queue is dropped once it drains. */
export class LocalLock implements MeetingLock {
  readonly #queues = new Map<string, Promise<unknown>>()

  runExclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(key) ?? Promise.resolve()
    const next = previous.then(work, work)
    const settled = next.catch(() => undefined)
    this.#queues.set(key, settled)
    void settled.then(() => {
      if (this.#queues.get(key) === settled) this.#queues.delete(key)
    })
    return next
  }
}

/** Open sockets per key (a client address, an account), each key up to `limit`. */
export class KeyedCounter {
  readonly #counts = new Map<string, number>()
  readonly #limit: number

  constructor(limit: number) {
    this.#limit = limit
  }

  /** Takes a place for `key`; false (and nothing taken) when it has `limit` already. */
  claim(key: string): boolean {
    const count = this.#counts.get(key) ?? 0
    if (count >= this.#limit) return false
    this.#counts.set(key, count + 1)
    return true
  }

  /** Gives back a place `claim` took; the key is forgotten at zero, so the map only holds open sockets. */
  release(key: string): void {
    const count = this.#counts.get(key)
    if (count === undefined) return
    if (count <= 1) this.#counts.delete(key)
    else this.#counts.set(key, count - 1)
  }
}

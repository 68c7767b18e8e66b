/**
 * Writes per source, one at a time: a write asked for while one runs waits, and only the latest
 * waiting one runs (it holds the newest state). A failure is reported, never thrown at the asker.
 */
export class SourceQueue {
  readonly #waiting = new Map<string, () => Promise<void>>()
  readonly #running = new Map<string, Promise<void>>()
  readonly #onError: (error: unknown, source: string) => void

  constructor(onError: (error: unknown, source: string) => void) {
    this.#onError = onError
  }

  /** Resolves once this write (or a later one for the same source) is done. */
  push(source: string, write: () => Promise<void>): Promise<void> {
    this.#waiting.set(source, write)
    let running = this.#running.get(source)
    if (!running) {
      running = this.#drain(source)
      this.#running.set(source, running)
    }
    return running
  }

  /** Resolves when nothing is running or waiting. */
  async settled(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running.values())
  }

  async #drain(source: string): Promise<void> {
    // Starts on the next microtask, so pushes of this turn coalesce.
    await Promise.resolve()
    try {
      for (let write = this.#waiting.get(source); write; write = this.#waiting.get(source)) {
        this.#waiting.delete(source)
        try {
          await write()
        } catch (error) {
          this.#onError(error, source)
        }
      }
    } finally {
      this.#running.delete(source)
    }
  }
}

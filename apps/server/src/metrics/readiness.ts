/** One thing the server needs to answer: a store, Redis. */
export interface ReadinessCheck {
  /** Shown to callers when it fails, so nothing secret: "database", "redis". */
  name: string
  /** Throws, rejects or takes longer than the deadline when it cannot answer. */
  check(): unknown
}

export interface ReadinessLogger {
  warn(details: object, message: string): void
}

/** A load balancer's probe gives up after about a second; a store slower than that is not ready. */
const DEFAULT_DEADLINE_MS = 1_000

/**
 * What /api/ready asks: every check, all at once, each within the deadline. A process whose store
 * does not answer is taken out of the load balancer's rotation instead of failing its requests.
 */
export class Readiness {
  readonly #checks: ReadinessCheck[] = []
  readonly #deadlineMs: number

  constructor(deadlineMs = DEFAULT_DEADLINE_MS) {
    this.#deadlineMs = deadlineMs
  }

  add(check: ReadinessCheck): void {
    this.#checks.push(check)
  }

  /** The names of the checks that failed or did not answer in time; empty when ready. */
  async failing(log: ReadinessLogger): Promise<string[]> {
    const results = await Promise.all(this.#checks.map((check) => this.#passes(check, log)))
    return this.#checks.filter((_, i) => !results[i]).map((check) => check.name)
  }

  async #passes(check: ReadinessCheck, log: ReadinessLogger): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.#deadlineMs} ms`)), this.#deadlineMs)
    })
    try {
      await Promise.race([Promise.resolve().then(() => check.check()), late])
      return true
    } catch (error) {
      log.warn({ err: error, check: check.name }, 'readiness check failed')
      return false
    } finally {
      clearTimeout(timer)
    }
  }
}

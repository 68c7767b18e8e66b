/**
 * An HDR-style latency histogram: logarithmic buckets with ~1 % relative precision from 1 µs
 * to ~17 min, constant memory however many samples arrive.
 */
const SUB_BUCKETS = 100
const MIN_US = 1

export class Histogram {
  readonly #counts = new Map<number, number>()
  count = 0
  max = 0
  #sum = 0

  record(ms: number): void {
    const us = Math.max(ms * 1000, MIN_US)
    const bucket = Math.floor(Math.log(us) * SUB_BUCKETS)
    this.#counts.set(bucket, (this.#counts.get(bucket) ?? 0) + 1)
    this.count += 1
    this.#sum += ms
    if (ms > this.max) this.max = ms
  }

  merge(other: Histogram): void {
    for (const [bucket, n] of other.#counts) this.#counts.set(bucket, (this.#counts.get(bucket) ?? 0) + n)
    this.count += other.count
    this.#sum += other.#sum
    this.max = Math.max(this.max, other.max)
  }

  get mean(): number {
    return this.count ? this.#sum / this.count : 0
  }

  /** The value at percentile p (0–100), in ms, at the upper edge of its bucket. */
  percentile(p: number): number {
    if (this.count === 0) return 0
    const target = Math.ceil((p / 100) * this.count)
    let seen = 0
    for (const bucket of [...this.#counts.keys()].sort((a, b) => a - b)) {
      seen += this.#counts.get(bucket) ?? 0
      if (seen >= target) return Math.exp((bucket + 1) / SUB_BUCKETS) / 1000
    }
    return this.max
  }

  summary(): { count: number; p50: number; p90: number; p99: number; max: number; mean: number } {
    const round = (v: number) => Math.round(v * 100) / 100
    return {
      count: this.count,
      p50: round(this.percentile(50)),
      p90: round(this.percentile(90)),
      p99: round(this.percentile(99)),
      max: round(this.max),
      mean: round(this.mean),
    }
  }
}

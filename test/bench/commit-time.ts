import type { CommitBucket } from './targets.ts'

/** Two processes' histograms as one (S8's pair): counts summed per bound. */
export function addBuckets(
  a: CommitBucket[] | undefined,
  b: CommitBucket[] | undefined,
): CommitBucket[] | undefined {
  if (!a || !b) return a ?? b
  return a.map((bucket, i) => ({ le: bucket.le, count: bucket.count + (b[i]?.count ?? 0) }))
}

/**
 * The server-side commit time's 99th percentile over a window, from the histogram before and
 * after it: the upper bound of the bucket the 99th percentile falls in, in ms (so "≤ this").
 * It tells the store's share of an acknowledgement's time apart from the load generator's and
 * the network's. Null when the window committed nothing or the build has no histogram.
 */
export function commitP99Ms(
  before: CommitBucket[] | undefined,
  after: CommitBucket[] | undefined,
): number | null {
  if (!before || !after || after.length === 0) return null
  const inWindow = after.map((bucket, i) => ({
    le: bucket.le,
    count: bucket.count - (before[i]?.count ?? 0),
  }))
  const total = inWindow.at(-1)?.count ?? 0
  if (total === 0) return null
  const bucket = inWindow.find((b) => b.count >= total * 0.99)
  return bucket ? bucket.le * 1000 : null
}

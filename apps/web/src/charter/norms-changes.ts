/**
 * What changed between the norms someone agreed to and the current ones, as pairs to show a word
 * diff of. Both sides are N1 texts (a set: order is not a change). A text on both sides did not
 * change; of the rest, an old and a new text that share most of their words are one norm
 * reworded; what is left was removed or added.
 */
export interface NormChange {
  before: string
  after: string
}

const words = (text: string) => new Set(text.toLowerCase().split(/\s+/).filter(Boolean))

/** Share of words in common (0–1), against the longer of the two. */
function likeness(a: string, b: string): number {
  const x = words(a)
  const y = words(b)
  let common = 0
  for (const word of x) if (y.has(word)) common++
  return common / Math.max(x.size, y.size, 1)
}

/** Reworded pairs need at least this much in common; below it, a removal and an addition. */
const REWORDED = 0.4

export function normsChanges(agreed: readonly string[], current: readonly string[]): NormChange[] {
  const kept = new Set(agreed.filter((text) => current.includes(text)))
  const removed = agreed.filter((text) => !kept.has(text))
  const added = current.filter((text) => !kept.has(text))
  const pairs = removed
    .flatMap((before, i) => added.map((after, j) => ({ i, j, score: likeness(before, after) })))
    .filter((pair) => pair.score >= REWORDED)
    .sort((a, b) => b.score - a.score)
  const usedOld = new Set<number>()
  const usedNew = new Set<number>()
  const reworded = new Map<number, number>()
  for (const { i, j } of pairs) {
    if (usedOld.has(i) || usedNew.has(j)) continue
    usedOld.add(i)
    usedNew.add(j)
    reworded.set(j, i)
  }
  // In the current norms' order, each removal just after the norms present.
  return [
    ...added.map((after, j) => {
      const i = reworded.get(j)
      return { before: i === undefined ? '' : (removed[i] as string), after }
    }),
    ...removed.filter((_, i) => !usedOld.has(i)).map((before) => ({ before, after: '' })),
  ]
}

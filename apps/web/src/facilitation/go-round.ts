/** Order changes for the go-round, as new lists (the server receives the whole order). */

export function moveItem<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by
  if (target < 0 || target >= list.length) return [...list]
  const next = [...list]
  const [item] = next.splice(index, 1)
  if (item !== undefined) next.splice(target, 0, item)
  return next
}

/** A fair shuffle (Fisher–Yates) that never hands back the same order when another exists. */
export function shuffled<T>(list: readonly T[], random: () => number = Math.random): T[] {
  for (let attempt = 0; attempt < 5; attempt++) {
    const next = [...list]
    for (let i = next.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[next[i], next[j]] = [next[j] as T, next[i] as T]
    }
    if (next.some((item, i) => item !== list[i])) return next
  }
  return [...list].reverse()
}

/**
 * Caret and presence colours. Each carries white label text at ≥ 4.5:1 contrast and is a
 * 6-digit hex, the only form the Yjs caret plugin accepts.
 */
const PALETTE = [
  '#b42318',
  '#a15c07',
  '#067647',
  '#175cd3',
  '#6941c6',
  '#c11574',
  '#0e7090',
  '#4e5ba6',
  '#9e3a0e',
  '#3b7c0f',
] as const

/** The same key (a user id) always gets the same colour, on every device, with no shared state. */
export function colorFor(key: string): string {
  let hash = 2166136261
  for (const char of key) {
    hash ^= char.codePointAt(0) ?? 0
    hash = Math.imul(hash, 16777619)
  }
  return PALETTE[(hash >>> 0) % PALETTE.length] ?? PALETTE[0]
}

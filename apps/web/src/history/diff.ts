export type DiffPart = { kind: 'same' | 'ins' | 'del'; text: string }

const MAX_TOKENS = 4000

function tokens(text: string): string[] {
  return text.split(/(\s+)/).filter((t) => t.length > 0)
}

/** A word-level diff from `before` to `after` (longest common subsequence of words and spaces). */
export function diffWords(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : []
  const a = tokens(before)
  const b = tokens(after)
  if (a.length * b.length > (MAX_TOKENS * MAX_TOKENS) / 4) {
    return merge([
      { kind: 'del', text: before },
      { kind: 'ins', text: after },
    ])
  }
  // lcs[i][j]: length of the common subsequence of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) {
    const row = lcs[i] as number[]
    const next = lcs[i + 1] as number[]
    for (let j = b.length - 1; j >= 0; j--) {
      row[j] = a[i] === b[j] ? (next[j + 1] as number) + 1 : Math.max(next[j] as number, row[j + 1] as number)
    }
  }
  const parts: DiffPart[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      parts.push({ kind: 'same', text: a[i] as string })
      i++
      j++
    } else if ((lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0)) {
      parts.push({ kind: 'del', text: a[i++] as string })
    } else {
      parts.push({ kind: 'ins', text: b[j++] as string })
    }
  }
  while (i < a.length) parts.push({ kind: 'del', text: a[i++] as string })
  while (j < b.length) parts.push({ kind: 'ins', text: b[j++] as string })
  return merge(parts)
}

function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = []
  for (const part of parts) {
    if (!part.text) continue
    const last = out[out.length - 1]
    if (last && last.kind === part.kind) last.text += part.text
    else out.push({ ...part })
  }
  return out
}

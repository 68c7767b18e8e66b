import type { HighlightRange } from '@confer/api'
import type { ReactNode } from 'react'

/**
 * Text with the ranges a search matched in <mark>: React puts every piece in as text, so what
 * anyone typed (markup included) shows as typed (SPEC Q6).
 */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly HighlightRange[] }) {
  const parts: ReactNode[] = []
  let at = 0
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at || end > text.length || end <= start) continue
    if (start > at) parts.push(text.slice(at, start))
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>)
    at = end
  }
  if (at < text.length) parts.push(text.slice(at))
  return <>{parts}</>
}

/** The words a result matched, each once (case aside), to find again on the page it opens. */
export function matchedWords(...parts: { text: string; ranges: readonly HighlightRange[] }[]): string[] {
  const seen = new Map<string, string>()
  for (const { text, ranges } of parts) {
    for (const [start, end] of ranges) {
      const word = text.slice(start, end).trim()
      if (word && !seen.has(word.toLowerCase())) seen.set(word.toLowerCase(), word)
    }
  }
  return [...seen.values()]
}

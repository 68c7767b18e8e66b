import type { HighlightRange } from '@confer/api'
import { MARK_END, MARK_START } from '../../stores/search-store.ts'

/**
 * A store's marked passage as plain text and the ranges it marked, so no markup ever reaches a
 * browser (SPEC Q6). Indexed text never holds the markers (withoutUnindexable), so every marker here
 * is one the store put in; an unclosed one closes at the end. Marks with only white space
 * between them merge.
 */
export function unmark(marked: string): { text: string; ranges: HighlightRange[] } {
  let text = ''
  const ranges: HighlightRange[] = []
  let start: number | null = null
  const close = (end: number) => {
    if (start === null || end <= start) return
    const last = ranges[ranges.length - 1]
    // Words of one phrase read as one mark, however the engine marked them (ts_headline: word by word).
    if (last && /^\s*$/.test(text.slice(last[1], start))) last[1] = end
    else ranges.push([start, end])
  }
  for (const part of marked.split(/([\uE000\uE001])/)) {
    if (part === MARK_START) start ??= text.length
    else if (part === MARK_END) {
      close(text.length)
      start = null
    } else text += part
  }
  close(text.length)
  return { text, ranges }
}

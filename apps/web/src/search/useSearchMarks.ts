import { useEffect } from 'react'
import { usePath, useSearchParam } from '../routing/router.ts'

/** The CSS highlight (search.css) the matched words are painted with. */
export const SEARCH_HIGHLIGHT = 'confer-search'
/** How long a page may take to bring the item's notes (the document syncs after the page loads). */
const WAIT_MS = 20_000
const MAX_MARKS = 5

/**
 * On a meeting opened from a search result (`?item=<id>&mark=<words>`): brings the item into view
 * once its notes have arrived and paints the words the search matched there, with the CSS Custom
 * Highlight API, so neither the editor nor the shared document is touched. The marks go at the
 * next key press or click: they show where to look, and would only be in the way of writing.
 */
export function useSearchMarks(): void {
  const path = usePath()
  const item = useSearchParam('item')
  const first = useSearchParam('mark')
  // biome-ignore lint/correctness/useExhaustiveDependencies: the address (path, item, marks) is what this follows
  useEffect(() => {
    if (!item) return
    const words = new URLSearchParams(window.location.search)
      .getAll('mark')
      .map((w) => w.trim())
      .filter((w) => w.length > 0 && w.length <= 200)
      .slice(0, MAX_MARKS)
    const registry = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : null
    let stopListening = () => {}
    const show = (force: boolean): boolean => {
      const section = document.getElementById(`item-${item}`)
      const notes = section?.querySelector<HTMLElement>('.ProseMirror')
      if (!section || !notes) return false
      const ranges = rangesOf(notes, words)
      // The notes may still be arriving: wait for the words, unless time is up.
      if (words.length > 0 && ranges.length === 0 && !force) return false
      section.scrollIntoView({ block: 'center' })
      if (registry && ranges.length > 0) {
        registry.set(SEARCH_HIGHLIGHT, new Highlight(...ranges))
        const clear = () => registry.delete(SEARCH_HIGHLIGHT)
        window.addEventListener('keydown', clear, { once: true })
        window.addEventListener('pointerdown', clear, { once: true })
        stopListening = () => {
          window.removeEventListener('keydown', clear)
          window.removeEventListener('pointerdown', clear)
          clear()
        }
      }
      return true
    }
    if (show(false)) return () => stopListening()
    const observer = new MutationObserver(() => {
      if (show(false)) stop()
    })
    const timer = window.setTimeout(() => {
      show(true)
      stop()
    }, WAIT_MS)
    const stop = () => {
      observer.disconnect()
      window.clearTimeout(timer)
    }
    observer.observe(document.body, { subtree: true, childList: true, characterData: true })
    return () => {
      stop()
      stopListening()
    }
  }, [path, item, first])
}

/**
 * Ranges of every occurrence of the words (case aside) in an element's text, found across the
 * text nodes that formatting splits it into.
 */
export function rangesOf(root: HTMLElement, words: readonly string[]): Range[] {
  if (words.length === 0) return []
  const nodes: Text[] = []
  const starts: number[] = []
  let text = ''
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push(node as Text)
    starts.push(text.length)
    text += (node as Text).data
  }
  const lower = text.toLowerCase()
  const at = (offset: number): [Text, number] => {
    let i = starts.length - 1
    while (i > 0 && (starts[i] as number) > offset) i--
    const node = nodes[i] as Text
    return [node, Math.min(offset - (starts[i] as number), node.data.length)]
  }
  const ranges: Range[] = []
  for (const word of words) {
    const needle = word.toLowerCase()
    for (let from = lower.indexOf(needle); from !== -1; from = lower.indexOf(needle, from + needle.length)) {
      const range = document.createRange()
      range.setStart(...at(from))
      // The end belongs to the node holding the word's last character.
      const [endNode, endOffset] = at(from + needle.length - 1)
      range.setEnd(endNode, endOffset + 1)
      ranges.push(range)
    }
  }
  return ranges
}

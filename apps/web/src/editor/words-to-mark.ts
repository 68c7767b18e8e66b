import type { Editor } from '@tiptap/core'

/** The words "Mark as decision" takes: the selection, or else the whole line the caret is in. */
export function wordsToMark(editor: Editor): string {
  const { from, to, empty, $from } = editor.state.selection
  const text = empty ? $from.parent.textContent : editor.state.doc.textBetween(from, to, ' ')
  return text.replace(/\s+/g, ' ').trim()
}

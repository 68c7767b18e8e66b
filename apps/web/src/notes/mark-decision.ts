import { addDecision, DECISION_MAX_CHARS, decisionText } from '@confer/model'
import { type Editor, Extension } from '@tiptap/core'
import type * as Y from 'yjs'
import { wordsToMark } from '../editor/words-to-mark.ts'

/** What marking said, for the person who marked (shown and announced beside the notes). */
export type MarkResult = { ok: true; text: string } | { ok: false; reason: string }

/** Records the selection or the caret's line as a decision of the item whose notes these are (SPEC E2). */
export function markDecision(editor: Editor, doc: Y.Doc, itemId: string): MarkResult {
  const words = wordsToMark(editor)
  if (!words)
    return { ok: false, reason: 'Put the caret in a line with words, or select them, to mark a decision.' }
  const text = decisionText(words)
  if (text === null || addDecision(doc, { text, itemId }) === null) {
    return {
      ok: false,
      reason: `That is over ${DECISION_MAX_CHARS.toLocaleString()} characters: select the words that say what was decided.`,
    }
  }
  return { ok: true, text }
}

export interface DecisionShortcutOptions {
  onMark: (editor: Editor) => void
}

/** Ctrl/⌘+Shift+D in an item's notes: "Mark as decision", as the toolbar button does. */
export const DecisionShortcut = Extension.create<DecisionShortcutOptions>({
  name: 'conferDecisionShortcut',
  addOptions: () => ({ onMark: () => {} }),
  addKeyboardShortcuts() {
    return {
      'Mod-Shift-d': () => {
        this.options.onMark(this.editor)
        return true
      },
    }
  },
})

import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { type KeyboardEvent, useRef, useState } from 'react'
import { useActionDraft } from './action-draft.ts'
import {
  DECISION_SHORTCUT,
  FORMAT_COMMANDS,
  INSERT_TABLE,
  LINK_SHORTCUT,
  TABLE_COMMANDS,
  type ToolbarCommand,
} from './toolbar-commands.ts'
import { wordsToMark } from './words-to-mark.ts'

interface Props {
  editor: Editor
  /** What the notes are of (an agenda item, the preamble): names the toolbar. */
  notesTitle: string
  onLink: () => void
  /** "Mark as decision": offered in an agenda item's notes (SPEC E2), not in the charter's preamble. */
  onDecision?: (() => void) | undefined
  /** "Insert image": opens the file picker (SPEC RS9); pasting or dropping an image works too. */
  onImage?: (() => void) | undefined
}

interface ToolbarState {
  active: Record<string, boolean>
  inTable: boolean
  link: boolean
  selectedText: string
  /** There are words to mark as a decision: a selection, or the caret's line. */
  markable: boolean
}

function readState(editor: Editor): ToolbarState {
  const active: Record<string, boolean> = {}
  for (const command of FORMAT_COMMANDS) active[command.id] = command.active?.(editor) ?? false
  const { from, to, empty } = editor.state.selection
  return {
    active,
    inTable: editor.isActive('table'),
    link: editor.isActive('link'),
    selectedText: empty ? '' : editor.state.doc.textBetween(from, to, ' ').trim(),
    markable: wordsToMark(editor) !== '',
  }
}

function sameState(a: ToolbarState, b: ToolbarState | null): boolean {
  return (
    b !== null &&
    a.inTable === b.inTable &&
    a.link === b.link &&
    a.selectedText === b.selectedText &&
    a.markable === b.markable &&
    FORMAT_COMMANDS.every((c) => a.active[c.id] === b.active[c.id])
  )
}

/**
 * Formatting for one rich-text editor (an item's notes, the charter's preamble), as an ARIA toolbar: one Tab stop, arrow keys between
 * buttons. Buttons keep the caret in the notes (they never take focus on click).
 */
export function NotesToolbar({ editor, notesTitle, onLink, onDecision, onImage }: Props) {
  const state = useEditorState({ editor, selector: ({ editor: e }) => readState(e), equalityFn: sameState })
  const drafts = useActionDraft()
  const [focusIndex, setFocusIndex] = useState(0)
  const ref = useRef<HTMLDivElement>(null)

  const tableCommands = state.inTable ? TABLE_COMMANDS : [INSERT_TABLE]
  const buttons: (ToolbarCommand & { pressed?: boolean; disabled?: boolean; onClick: () => void })[] = [
    ...FORMAT_COMMANDS.map((c) => ({
      ...c,
      pressed: state.active[c.id] ?? false,
      onClick: () => c.run(editor),
    })),
    {
      id: 'link',
      label: state.link ? 'Edit link' : 'Link',
      face: 'Link',
      keys: LINK_SHORTCUT.keys,
      hint: LINK_SHORTCUT.hint,
      toggle: false,
      run: () => {},
      onClick: onLink,
    },
    ...tableCommands.map((c) => ({ ...c, onClick: () => c.run(editor) })),
  ]
  if (drafts) {
    buttons.push({
      id: 'action',
      label: 'Add as action item',
      face: 'Action item',
      toggle: false,
      hint: 'Select words in the notes first',
      disabled: !state.selectedText,
      run: () => {},
      onClick: () => state.selectedText && drafts.send(state.selectedText),
    })
  }
  if (onDecision) {
    buttons.push({
      id: 'decision',
      label: 'Mark as decision',
      face: 'Decision',
      keys: DECISION_SHORTCUT.keys,
      hint: state.markable ? DECISION_SHORTCUT.hint : 'Put the caret in a line or select words first',
      toggle: false,
      disabled: !state.markable,
      run: () => {},
      onClick: onDecision,
    })
  }
  if (onImage) {
    buttons.push({
      id: 'image',
      label: 'Insert image',
      face: 'Image',
      hint: 'or paste or drop one into the notes',
      toggle: false,
      run: () => {},
      onClick: onImage,
    })
  }
  const current = Math.min(focusIndex, buttons.length - 1)

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0 }
    moves.End = buttons.length - 1
    const to = moves[event.key]
    if (to === undefined) return
    event.preventDefault()
    const next = (to + buttons.length) % buttons.length
    setFocusIndex(next)
    ref.current?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus()
  }

  return (
    <div
      ref={ref}
      className="notes-toolbar"
      role="toolbar"
      aria-label={`Formatting for ${notesTitle}`}
      onKeyDown={onKeyDown}
    >
      {buttons.map((button, index) => (
        <button
          key={button.id}
          type="button"
          className={`notes-toolbar__button notes-toolbar__button--${button.id}`}
          tabIndex={index === current ? 0 : -1}
          aria-label={button.label}
          aria-pressed={button.toggle ? button.pressed === true : undefined}
          aria-keyshortcuts={button.keys}
          aria-disabled={button.disabled || undefined}
          title={button.hint ? `${button.label} (${button.hint})` : button.label}
          // Keeps the selection in the notes: the command applies to what was selected.
          onMouseDown={(event) => event.preventDefault()}
          onFocus={() => setFocusIndex(index)}
          onClick={() => {
            if (!button.disabled) button.onClick()
          }}
        >
          <span aria-hidden="true">{button.face}</span>
        </button>
      ))}
    </div>
  )
}

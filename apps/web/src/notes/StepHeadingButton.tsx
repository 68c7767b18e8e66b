import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { findHeadingSection, placeUnderStepHeading } from './step-heading.ts'

interface Props {
  editor: Editor
  /** The title of the protocol step the round is on. */
  title: string
}

/**
 * While a protocol round runs: one click (or Enter) puts the step's heading into these notes and
 * the caret under it, so people write their feedback under its step. It is a person's choice,
 * never automatic: every open page doing it by itself would write the heading once per page.
 * Once the heading is there the button says it goes there instead.
 */
export function StepHeadingButton({ editor, title }: Props) {
  const present = useEditorState({
    editor,
    selector: ({ editor: e }) => findHeadingSection(e.state.doc, title) !== null,
  })
  return (
    <button
      type="button"
      className="button button--secondary button--small notes-step-heading"
      onClick={() => editor.chain().focus().command(placeUnderStepHeading(title)).run()}
    >
      {present ? 'Go to heading' : 'Add heading'}: {title}
    </button>
  )
}

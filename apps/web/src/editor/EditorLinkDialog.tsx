import type { Editor } from '@tiptap/core'
import { LinkDialog } from './LinkDialog.tsx'

/** The link dialog bound to an editor: edits the link under the caret, or inserts a new one. */
export function EditorLinkDialog({
  editor,
  open,
  onClose,
}: {
  editor: Editor
  open: boolean
  onClose: () => void
}) {
  const existing = open ? ((editor.getAttributes('link').href as string | undefined) ?? '') : ''
  const done = () => {
    onClose()
    editor.commands.focus()
  }
  return (
    <LinkDialog
      open={open}
      initialHref={existing}
      onClose={done}
      onRemove={
        existing
          ? () => {
              editor.chain().focus().extendMarkRange('link').unsetLink().run()
              done()
            }
          : null
      }
      onApply={(href) => {
        const chain = editor.chain().focus().extendMarkRange('link')
        if (editor.state.selection.empty && !existing) {
          chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run()
        } else {
          chain.setLink({ href }).run()
        }
        done()
      }}
    />
  )
}

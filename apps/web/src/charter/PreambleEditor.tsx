import { preambleFragment } from '@confer/model'
import { EditorContent, useEditor } from '@tiptap/react'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { CollabSession } from '../collab/session.ts'
import type { PresenceUser } from '../collab/useAwarenessUser.ts'
import { EditorLinkDialog } from '../editor/EditorLinkDialog.tsx'
import { notesExtensions } from '../editor/editor-extensions.ts'
import { NotesToolbar } from '../editor/NotesToolbar.tsx'

interface Props {
  session: CollabSession
  user: PresenceUser
  editable: boolean
  labelledBy: string
}

/**
 * The charter's preamble: the notes editor bound to the `preamble` fragment, with carets, the
 * same formatting toolbar and link dialog (Ctrl+K) as meeting notes.
 */
export function PreambleEditor({ session, user, editable, labelledBy }: Props) {
  const fragment = useMemo(() => preambleFragment(session.doc), [session])
  const latestUser = useRef(user)
  useEffect(() => {
    latestUser.current = user
  }, [user])
  const [linking, setLinking] = useState(false)
  const openLink = useRef(() => setLinking(true))
  const editor = useEditor(
    {
      editable,
      extensions: notesExtensions(fragment, session.provider, latestUser.current, editable, {
        onLinkShortcut: () => openLink.current(),
      }),
      editorProps: {
        attributes: {
          class: 'notes-editor charter-preamble',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelledBy,
          'aria-readonly': String(!editable),
        },
      },
    },
    [fragment, session.provider, labelledBy, editable],
  )
  return (
    <>
      {editable && editor && (
        <NotesToolbar editor={editor} notesTitle="Preamble" onLink={() => setLinking(true)} />
      )}
      <EditorContent editor={editor} className="notes-editor-frame" />
      {editable && editor && (
        <EditorLinkDialog editor={editor} open={linking} onClose={() => setLinking(false)} />
      )}
    </>
  )
}

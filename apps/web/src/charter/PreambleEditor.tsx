import { preambleFragment } from '@confer/model'
import { EditorContent, useEditor } from '@tiptap/react'
import { useEffect, useMemo, useRef } from 'react'
import type { CollabSession } from '../collab/session.ts'
import type { PresenceUser } from '../collab/useAwarenessUser.ts'
import { notesExtensions } from '../notes/editor-extensions.ts'

interface Props {
  session: CollabSession
  user: PresenceUser
  editable: boolean
  labelledBy: string
}

/** The charter's preamble: the notes editor bound to the `preamble` fragment, with carets. */
export function PreambleEditor({ session, user, editable, labelledBy }: Props) {
  const fragment = useMemo(() => preambleFragment(session.doc), [session])
  const latestUser = useRef(user)
  useEffect(() => {
    latestUser.current = user
  }, [user])
  const editor = useEditor(
    {
      editable,
      extensions: notesExtensions(fragment, session.provider, latestUser.current, editable, {
        onLinkShortcut: () => {},
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
  return <EditorContent editor={editor} className="notes-editor-frame" />
}

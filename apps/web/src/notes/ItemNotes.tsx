import { type AgendaItem, itemNotes } from '@confer/model'
import { EditorContent, useEditor } from '@tiptap/react'
import { useEffect, useMemo, useRef } from 'react'
import type { CollabSession } from '../collab/session.ts'
import type { PresenceUser } from '../collab/useAwarenessUser.ts'
import { notesExtensions } from './editor-extensions.ts'

interface ItemNotesProps {
  item: AgendaItem
  session: CollabSession
  user: PresenceUser
  editable: boolean
}

/** One agenda item: its title and the notes everyone types under it. */
export function ItemNotes({ item, session, user, editable }: ItemNotesProps) {
  const headingId = `item-${item.id}-title`
  const fragment = useMemo(() => itemNotes(session.doc, item.id), [session, item.id])
  const title = item.title.trim() || 'Untitled item'
  return (
    <section className="agenda-item" aria-labelledby={headingId}>
      <h2 id={headingId} className="agenda-item__title">
        {title}
      </h2>
      {fragment ? (
        <NotesEditor
          fragment={fragment}
          session={session}
          user={user}
          labelledBy={headingId}
          editable={editable}
        />
      ) : (
        <p className="notice">The notes of this item could not be read.</p>
      )}
    </section>
  )
}

interface NotesEditorProps {
  fragment: NonNullable<ReturnType<typeof itemNotes>>
  session: CollabSession
  user: PresenceUser
  labelledBy: string
  editable: boolean
}

function NotesEditor({ fragment, session, user, labelledBy, editable }: NotesEditorProps) {
  // Renames reach the caret through awareness (useAwarenessUser); rebuilding the editor for
  // them would drop the selection, so the editor reads the latest name only when it is built.
  const latestUser = useRef(user)
  useEffect(() => {
    latestUser.current = user
  }, [user])
  // Access changes are rare (a role changed mid-meeting): rebuilding for them is fine.
  const editor = useEditor(
    {
      editable,
      extensions: notesExtensions(fragment, session.provider, latestUser.current, editable),
      editorProps: {
        attributes: {
          class: 'notes-editor',
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

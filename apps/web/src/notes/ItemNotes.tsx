import { INLINE_IMAGE_TYPES } from '@confer/api'
import { type AgendaItem, itemNotes } from '@confer/model'
import type { Editor } from '@tiptap/core'
import { EditorContent, useEditor } from '@tiptap/react'
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react'
import type { CollabSession } from '../collab/session.ts'
import type { PresenceUser } from '../collab/useAwarenessUser.ts'
import { EditorImageDialog } from '../editor/EditorImageDialog.tsx'
import { EditorLinkDialog } from '../editor/EditorLinkDialog.tsx'
import { notesExtensions } from '../editor/editor-extensions.ts'
import { NotesToolbar } from '../editor/NotesToolbar.tsx'
import { DecisionShortcut, markDecision } from './mark-decision.ts'
import { StepHeadingButton } from './StepHeadingButton.tsx'
import './mark-decision.css'

interface ItemNotesProps {
  item: AgendaItem
  position: number
  current: boolean
  ownerName: string | null
  session: CollabSession
  user: PresenceUser
  editable: boolean
  /** The step of a running protocol round whose feedback belongs in these notes, if any. */
  stepTitle: string | null
  /** What the page adds under the notes (the item's links to the plan). */
  children?: ReactNode
  /** The community pasted images are uploaded to (SPEC RS9); null where images are not taken (guests). */
  imagesTo?: string | null
}

/** One agenda item: its title, its facts, and the notes everyone types under it. */
export function ItemNotes(props: ItemNotesProps) {
  const { item, position, current, ownerName, session, user, editable, stepTitle, children, imagesTo } = props
  const headingId = `item-${item.id}-title`
  const fragment = useMemo(() => itemNotes(session.doc, item.id), [session, item.id])
  const title = item.title.trim() || 'Untitled item'
  const facts = [item.minutes > 0 ? `${item.minutes} min` : null, ownerName].filter(Boolean).join(' · ')
  return (
    <section
      className="agenda-item"
      id={`item-${item.id}`}
      aria-labelledby={headingId}
      data-current={current || undefined}
      data-done={item.done || undefined}
    >
      <div className="agenda-item__head">
        <h2 id={headingId} className="agenda-item__title">
          {title}
        </h2>
        <p className="agenda-item__facts">
          <span className="visually-hidden">Item {position}. </span>
          {facts}
          {current && <span className="tag tag--now">Now</span>}
          {item.done && <span className="tag tag--done">Done</span>}
        </p>
      </div>
      {fragment ? (
        <NotesEditor
          itemId={item.id}
          itemTitle={title}
          fragment={fragment}
          session={session}
          user={user}
          labelledBy={headingId}
          editable={editable}
          stepTitle={stepTitle}
          imagesTo={imagesTo ?? null}
        />
      ) : (
        <p className="notice">The notes of this item could not be read.</p>
      )}
      {children}
    </section>
  )
}

interface NotesEditorProps {
  itemId: string
  itemTitle: string
  fragment: NonNullable<ReturnType<typeof itemNotes>>
  session: CollabSession
  user: PresenceUser
  labelledBy: string
  editable: boolean
  stepTitle: string | null
  imagesTo: string | null
}

function NotesEditor(props: NotesEditorProps) {
  const { itemId, itemTitle, fragment, session, user, labelledBy, editable, stepTitle, imagesTo } = props
  // Renames reach the caret through awareness (useAwarenessUser); rebuilding the editor for
  // them would drop the selection, so the editor reads the latest name only when it is built.
  const latestUser = useRef(user)
  useEffect(() => {
    latestUser.current = user
  }, [user])
  const [linking, setLinking] = useState(false)
  const openLink = useRef(() => setLinking(true))
  const [image, setImage] = useState<File | null>(null)
  const picker = useRef<HTMLInputElement>(null)
  const [marked, setMarked] = useState('')
  // The shortcut is bound when the editor is built; it reads the latest item through this ref.
  const mark = useRef((_: Editor) => {})
  useEffect(() => {
    mark.current = (e: Editor) => {
      const result = markDecision(e, session.doc, itemId)
      setMarked(result.ok ? `Marked as decision: ${result.text}` : result.reason)
    }
  }, [session, itemId])
  useEffect(() => {
    if (!marked) return
    const timer = setTimeout(() => setMarked(''), 6_000)
    return () => clearTimeout(timer)
  }, [marked])
  // Access changes are rare (a role changed mid-meeting): rebuilding for them is fine.
  const editor = useEditor(
    {
      editable,
      extensions: [
        ...notesExtensions(fragment, session.provider, latestUser.current, editable, {
          onLinkShortcut: () => openLink.current(),
          onImage: imagesTo ? setImage : null,
        }),
        ...(editable ? [DecisionShortcut.configure({ onMark: (e) => mark.current(e) })] : []),
      ],
      editorProps: {
        attributes: {
          class: 'notes-editor',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelledBy,
          'aria-readonly': String(!editable),
        },
      },
      // Others see which item's notes this person is writing in ("Here now"). It stays after
      // a click elsewhere (the toolbar, the action items): where they were writing is still news,
      // and a list that shrank on every blur would move the buttons under the pointer.
      onFocus: () => session.provider.setAwarenessField('itemId', itemId),
    },
    [fragment, session.provider, labelledBy, editable, imagesTo],
  )
  return (
    <>
      {editable && editor && (
        <NotesToolbar
          editor={editor}
          notesTitle={itemTitle}
          onLink={() => setLinking(true)}
          onDecision={() => mark.current(editor)}
          onImage={imagesTo ? () => picker.current?.click() : undefined}
        />
      )}
      {editable && (
        <p className="notes-decision-status" role="status">
          {marked}
        </p>
      )}
      {editable && editor && stepTitle && <StepHeadingButton editor={editor} title={stepTitle} />}
      <EditorContent editor={editor} className="notes-editor-frame" />
      {editable && editor && (
        <EditorLinkDialog editor={editor} open={linking} onClose={() => setLinking(false)} />
      )}
      {editable && editor && imagesTo && (
        <>
          <input
            ref={picker}
            type="file"
            accept={INLINE_IMAGE_TYPES.join(',')}
            hidden
            onChange={(e) => {
              setImage(e.target.files?.[0] ?? null)
              e.target.value = ''
            }}
          />
          <EditorImageDialog
            editor={editor}
            communityId={imagesTo}
            file={image}
            onClose={() => setImage(null)}
          />
        </>
      )}
    </>
  )
}

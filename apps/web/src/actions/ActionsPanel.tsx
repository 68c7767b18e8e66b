import { type ActionItem, addAction, removeAction, updateAction } from '@confer/model'
import { useEffect, useId, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { useActionDraft } from '../editor/action-draft.ts'
import type { MeetingPeople } from '../meeting-data/useMeetingPeople.ts'
import type { EarlierMeeting } from '../meeting-data/useMeetingTitles.ts'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { type ActionFields, ActionForm } from './ActionForm.tsx'
import { ActionRow, actionLabel } from './ActionRow.tsx'
import { useActions } from './useActions.ts'
import './actions.css'

interface Props {
  doc: Y.Doc
  editable: boolean
  people: MeetingPeople
  earlierMeeting: (meetingId: string) => EarlierMeeting | undefined
}

type Editing = { kind: 'new'; initial: ActionFields } | { kind: 'edit'; action: ActionItem } | null

/**
 * The meeting's action items, open ones first. Items still open at the previous meeting were
 * carried over by the server when this one was scheduled, and say where they came from.
 */
export function ActionsPanel({ doc, editable, people, earlierMeeting }: Props) {
  const headingId = useId()
  const actions = useActions(doc)
  const [editing, setEditing] = useState<Editing>(null)
  const [removing, setRemoving] = useState<ActionItem | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const addButton = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLElement>(null)
  const drafts = useActionDraft()
  const open = actions.filter((a) => !a.done).length

  useEffect(() => {
    if (!drafts || !editable) return
    return drafts.listen((text) => {
      setEditing({ kind: 'new', initial: { text, ownerId: null, due: null } })
      panel.current?.scrollIntoView({ block: 'nearest' })
    })
  }, [drafts, editable])

  const close = () => {
    setEditing(null)
    requestAnimationFrame(() => addButton.current?.focus())
  }
  const save = (fields: ActionFields) => {
    if (editing?.kind === 'edit') {
      updateAction(doc, editing.action.id, fields)
      setAnnouncement(`Saved ${fields.text}.`)
    } else {
      addAction(doc, fields)
      setAnnouncement(`Added action item ${fields.text}.`)
    }
    close()
  }

  return (
    <section ref={panel} className="panel actions-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        Action items <span className="panel__count">({open} open)</span>
      </h2>
      {actions.length === 0 ? (
        <p className="empty-note">No action items yet.</p>
      ) : (
        <ul className="action-list">
          {actions.map((action) =>
            editing?.kind === 'edit' && editing.action.id === action.id ? (
              <li key={action.id} className="action-row action-row--editing">
                <ActionForm
                  initial={action}
                  people={people}
                  submitLabel="Save action item"
                  onSubmit={save}
                  onCancel={close}
                />
              </li>
            ) : (
              <ActionRow
                key={action.id}
                doc={doc}
                action={action}
                editable={editable}
                people={people}
                earlierMeeting={earlierMeeting}
                onEdit={(a) => setEditing({ kind: 'edit', action: a })}
                onRemove={setRemoving}
              />
            ),
          )}
        </ul>
      )}
      {editable &&
        (editing?.kind === 'new' ? (
          <ActionForm
            // A new draft from the notes replaces the form's text.
            key={editing.initial.text}
            initial={editing.initial}
            people={people}
            submitLabel="Add action item"
            onSubmit={save}
            onCancel={close}
          />
        ) : (
          <button
            ref={addButton}
            type="button"
            className="button button--secondary button--small"
            onClick={() => setEditing({ kind: 'new', initial: { text: '', ownerId: null, due: null } })}
          >
            Add action item
          </button>
        ))}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <ConfirmDialog
        open={removing !== null}
        title="Remove this action item?"
        confirmLabel="Remove"
        danger
        onConfirm={() => {
          if (removing) {
            removeAction(doc, removing.id)
            setAnnouncement(`Removed ${actionLabel(removing)}.`)
          }
          setRemoving(null)
        }}
        onCancel={() => setRemoving(null)}
      >
        <p>{removing ? actionLabel(removing) : ''}</p>
      </ConfirmDialog>
    </section>
  )
}

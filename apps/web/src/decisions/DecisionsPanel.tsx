import { type AgendaItem, addDecision, type Decision, editDecision, removeDecision } from '@confer/model'
import { useId, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { type DecisionFields, DecisionForm } from './DecisionForm.tsx'
import { DecisionRow } from './DecisionRow.tsx'
import { useDecisions } from './useDecisions.ts'
import './decisions.css'

interface Props {
  doc: Y.Doc
  agenda: readonly AgendaItem[]
  /** False for observers and read-only guests: they see the list, nothing to change it. */
  editable: boolean
}

type Editing = { kind: 'new' } | { kind: 'edit'; decision: Decision } | null

const NEW: DecisionFields = { text: '', itemId: null }

/**
 * What the meeting decided, oldest first, each with its agenda item. Decisions come from "Mark
 * as decision" in an item's notes or are added here; everyone sees each change as it happens.
 */
export function DecisionsPanel({ doc, agenda, editable }: Props) {
  const headingId = useId()
  const decisions = useDecisions(doc)
  const [editing, setEditing] = useState<Editing>(null)
  const [removing, setRemoving] = useState<Decision | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const addButton = useRef<HTMLButtonElement>(null)

  const close = () => {
    setEditing(null)
    requestAnimationFrame(() => addButton.current?.focus())
  }
  const save = (fields: DecisionFields) => {
    if (editing?.kind === 'edit') {
      if (editDecision(doc, editing.decision.id, fields)) setAnnouncement(`Saved decision: ${fields.text}.`)
    } else if (addDecision(doc, fields) !== null) {
      setAnnouncement(`Added decision: ${fields.text}.`)
    }
    close()
  }

  return (
    <section className="panel decisions-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        Decisions <span className="panel__count">({decisions.length})</span>
      </h2>
      {decisions.length === 0 ? (
        <p className="empty-note">
          {editable
            ? 'No decisions yet. Mark a line in the notes as a decision, or add one here.'
            : 'No decisions yet.'}
        </p>
      ) : (
        <ul className="decision-list">
          {decisions.map((decision) =>
            editing?.kind === 'edit' && editing.decision.id === decision.id ? (
              <li key={decision.id} className="decision-row decision-row--editing">
                <DecisionForm
                  initial={decision}
                  agenda={agenda}
                  submitLabel="Save decision"
                  onSubmit={save}
                  onCancel={close}
                />
              </li>
            ) : (
              <DecisionRow
                key={decision.id}
                decision={decision}
                agenda={agenda}
                editable={editable}
                onEdit={(d) => setEditing({ kind: 'edit', decision: d })}
                onRemove={setRemoving}
              />
            ),
          )}
        </ul>
      )}
      {editable &&
        (editing?.kind === 'new' ? (
          <DecisionForm
            initial={NEW}
            agenda={agenda}
            submitLabel="Add decision"
            onSubmit={save}
            onCancel={close}
          />
        ) : (
          <button
            ref={addButton}
            type="button"
            className="button button--secondary button--small"
            onClick={() => setEditing({ kind: 'new' })}
          >
            Add decision
          </button>
        ))}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <ConfirmDialog
        open={removing !== null}
        title="Remove this decision?"
        confirmLabel="Remove"
        danger
        onConfirm={() => {
          if (removing) {
            removeDecision(doc, removing.id)
            setAnnouncement(`Removed decision: ${removing.text}.`)
          }
          setRemoving(null)
        }}
        onCancel={() => setRemoving(null)}
      >
        <p>{removing?.text ?? ''}</p>
      </ConfirmDialog>
    </section>
  )
}

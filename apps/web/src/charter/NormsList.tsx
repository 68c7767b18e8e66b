import { addNorm, moveNorm, type Norm, removeNorm, updateNorm } from '@confer/model'
import { type FormEvent, useState } from 'react'
import type * as Y from 'yjs'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'

interface Props {
  doc: Y.Doc
  norms: Norm[]
  editable: boolean
  /** The wording is final for now: this person left a norm's field, added or removed one (N3). */
  onSettle: () => void
}

/** The norms, edited live by everyone: inline text, up/down to reorder, remove with a confirm. */
export function NormsList({ doc, norms, editable, onSettle }: Props) {
  const [removing, setRemoving] = useState<Norm | null>(null)
  if (!editable) {
    return norms.length === 0 ? (
      <p className="notice">This team has not written any norms yet.</p>
    ) : (
      <ol className="norms-list norms-list--read">
        {norms.map((norm) => (
          <li key={norm.id}>{norm.text}</li>
        ))}
      </ol>
    )
  }
  return (
    <>
      {norms.length > 0 && (
        <ol className="norms-list" aria-label="Norms">
          {norms.map((norm, index) => (
            <li key={norm.id} className="norm-row">
              <label className="visually-hidden" htmlFor={`norm-${norm.id}`}>
                Norm {index + 1}
              </label>
              <input
                id={`norm-${norm.id}`}
                className="norm-row__text"
                value={norm.text}
                onChange={(event) => updateNorm(doc, norm.id, event.target.value)}
                onBlur={onSettle}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Move norm ${index + 1} up`}
                aria-disabled={index === 0}
                onClick={() => index > 0 && moveNorm(doc, norm.id, index - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Move norm ${index + 1} down`}
                aria-disabled={index === norms.length - 1}
                onClick={() => index < norms.length - 1 && moveNorm(doc, norm.id, index + 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="icon-button icon-button--danger"
                aria-label={`Remove norm ${index + 1}`}
                onClick={() => setRemoving(norm)}
              >
                ✕
              </button>
            </li>
          ))}
        </ol>
      )}
      <AddNormForm
        onAdd={(text) => {
          addNorm(doc, text)
          onSettle()
        }}
      />
      <ConfirmDialog
        open={removing !== null}
        title="Remove this norm?"
        confirmLabel="Remove norm"
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) removeNorm(doc, removing.id)
          setRemoving(null)
          onSettle()
        }}
      >
        <p>
          “{removing?.text || 'Empty norm'}” will be removed for everyone. Earlier agreements become out of
          date.
        </p>
      </ConfirmDialog>
    </>
  )
}

function AddNormForm({ onAdd }: { onAdd: (text: string) => void }) {
  const [text, setText] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = text.trim()
    if (!trimmed) return
    onAdd(trimmed)
    setText('')
  }
  return (
    <form className="add-norm" onSubmit={submit}>
      <label htmlFor="new-norm">New norm</label>
      <div className="add-norm__row">
        <input id="new-norm" value={text} onChange={(event) => setText(event.target.value)} />
        <button type="submit" className="button button--secondary">
          Add norm
        </button>
      </div>
    </form>
  )
}

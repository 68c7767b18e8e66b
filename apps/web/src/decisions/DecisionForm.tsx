import { type AgendaItem, DECISION_MAX_CHARS, decisionText } from '@confer/model'
import { type FormEvent, useId, useState } from 'react'
import { decisionItemLabel } from './decision-item.ts'

export interface DecisionFields {
  text: string
  itemId: string | null
}

interface Props {
  initial: DecisionFields
  agenda: readonly AgendaItem[]
  submitLabel: string
  onSubmit: (fields: DecisionFields) => void
  onCancel: () => void
}

/** What was decided and under which agenda item: for a new decision or an edit. */
export function DecisionForm({ initial, agenda, submitLabel, onSubmit, onCancel }: Props) {
  const id = useId()
  const [text, setText] = useState(initial.text)
  const [itemId, setItemId] = useState(initial.itemId)
  const [error, setError] = useState<string | null>(null)
  // An edit keeps the link to an item removed since, unless the person picks another.
  const orphan = itemId !== null && !agenda.some((item) => item.id === itemId)

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const line = decisionText(text)
    if (line === null) {
      setError(
        text.trim()
          ? `Keep it under ${DECISION_MAX_CHARS.toLocaleString()} characters.`
          : 'Write what was decided.',
      )
      return
    }
    onSubmit({ text: line, itemId })
  }

  return (
    <form className="decision-form" onSubmit={submit} noValidate aria-label={submitLabel}>
      <div className="field">
        <label htmlFor={`${id}-text`}>Decision</label>
        <textarea
          id={`${id}-text`}
          rows={2}
          maxLength={DECISION_MAX_CHARS}
          // biome-ignore lint/a11y/noAutofocus: the form opens because the person asked to write a decision
          autoFocus
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault()
              event.currentTarget.form?.requestSubmit()
            }
            if (event.key === 'Escape') onCancel()
          }}
        />
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-item`}>Agenda item</label>
        <select
          id={`${id}-item`}
          value={itemId ?? ''}
          onChange={(event) => setItemId(event.target.value || null)}
        >
          <option value="">Whole meeting</option>
          {agenda.map((item) => (
            <option key={item.id} value={item.id}>
              {decisionItemLabel(agenda, item.id)}
            </option>
          ))}
          {orphan && <option value={itemId}>{decisionItemLabel(agenda, itemId)}</option>}
        </select>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary button--small">
          {submitLabel}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

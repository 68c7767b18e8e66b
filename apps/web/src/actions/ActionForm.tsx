import { type FormEvent, useId, useState } from 'react'
import { OwnerSelect } from '../meeting-data/OwnerSelect.tsx'
import type { MeetingPeople } from '../meeting-data/useMeetingPeople.ts'

export interface ActionFields {
  text: string
  ownerId: string | null
  due: string | null
}

interface Props {
  initial: ActionFields
  people: MeetingPeople
  submitLabel: string
  onSubmit: (fields: ActionFields) => void
  onCancel: () => void
}

/** What needs doing, who does it, by when: for a new action item or an edit. */
export function ActionForm({ initial, people, submitLabel, onSubmit, onCancel }: Props) {
  const id = useId()
  const [text, setText] = useState(initial.text)
  const [ownerId, setOwnerId] = useState(initial.ownerId)
  const [due, setDue] = useState(initial.due ?? '')
  const [error, setError] = useState<string | null>(null)

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!text.trim()) {
      setError('Say what needs doing.')
      return
    }
    onSubmit({ text: text.trim(), ownerId, due: /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : null })
  }

  return (
    <form className="action-form" onSubmit={submit} noValidate aria-label={submitLabel}>
      <div className="field">
        <label htmlFor={`${id}-text`}>What needs doing</label>
        <textarea
          id={`${id}-text`}
          rows={2}
          maxLength={500}
          // biome-ignore lint/a11y/noAutofocus: the form opens because the person asked to write an action item
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
      <div className="action-form__row">
        <div className="field">
          <label htmlFor={`${id}-owner`}>Owner</label>
          <OwnerSelect id={`${id}-owner`} value={ownerId} people={people} onChange={setOwnerId} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>Due date</label>
          <input id={`${id}-due`} type="date" value={due} onChange={(event) => setDue(event.target.value)} />
        </div>
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

import { addAgendaItem } from '@confer/model'
import { type FormEvent, useId, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { MAX_MINUTES } from './AgendaRow.tsx'

/** Adds an item at the end of the agenda; focus stays in the title for the next one. */
export function AddAgendaItemForm({ doc, onAdded }: { doc: Y.Doc; onAdded: (title: string) => void }) {
  const id = useId()
  const titleRef = useRef<HTMLInputElement>(null)
  const [title, setTitle] = useState('')
  const [minutes, setMinutes] = useState('10')
  const [error, setError] = useState<string | null>(null)

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const name = title.trim()
    const n = minutes.trim() === '' ? 0 : Number(minutes)
    if (!name) {
      setError('Give the item a title.')
      titleRef.current?.focus()
      return
    }
    if (!Number.isInteger(n) || n < 0 || n > MAX_MINUTES) {
      setError(`Minutes are a whole number from 0 to ${MAX_MINUTES}.`)
      return
    }
    addAgendaItem(doc, { title: name, minutes: n })
    setTitle('')
    setError(null)
    onAdded(name)
    titleRef.current?.focus()
  }

  return (
    <form className="agenda-add" onSubmit={onSubmit} noValidate aria-label="Add an agenda item">
      <div className="field agenda-add__title">
        <label htmlFor={`${id}-title`}>New item title</label>
        <input
          ref={titleRef}
          id={`${id}-title`}
          type="text"
          maxLength={200}
          value={title}
          aria-invalid={error !== null && !title.trim() ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setTitle(event.target.value)}
        />
      </div>
      <div className="field agenda-add__minutes">
        <label htmlFor={`${id}-minutes`}>New item minutes</label>
        <input
          id={`${id}-minutes`}
          type="number"
          min={0}
          max={MAX_MINUTES}
          inputMode="numeric"
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
        />
      </div>
      <button type="submit" className="button button--secondary">
        Add item
      </button>
      {error && (
        <p id={`${id}-error`} className="field-error agenda-add__error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

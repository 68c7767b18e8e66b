import { isId, newId } from '@confer/model'
import { type FormEvent, useId, useState } from 'react'
import { navigate } from './router.ts'
import { useDocumentTitle } from './useDocumentTitle.ts'

/** Accepts a bare id or a pasted meeting link, since people share whole addresses. */
function meetingIdFrom(input: string): string {
  const trimmed = input.trim()
  const fromLink = /\/m\/([^/?#\s]+)/.exec(trimmed)
  return fromLink?.[1] ?? trimmed
}

export function HomePage() {
  useDocumentTitle('')
  const fieldId = useId()
  const hintId = `${fieldId}-hint`
  const errorId = `${fieldId}-error`
  const [value, setValue] = useState('')
  const [error, setError] = useState<string | null>(null)

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const id = value.trim() ? meetingIdFrom(value) : newId()
    if (!isId(id)) {
      setError('A meeting id uses only letters, digits, “-” and “_”.')
      return
    }
    navigate(`/m/${encodeURIComponent(id)}`)
  }

  return (
    <section className="page page--narrow" aria-labelledby="home-title">
      <h1 id="home-title">Meeting notes your whole team writes together</h1>
      <p className="lede">
        Confer is a shared workspace for teacher teams. Everyone opens the same meeting on their own device
        and takes notes under each agenda item at the same time — you see each other’s cursors, and nothing is
        lost when the school Wi-Fi drops.
      </p>
      <form className="card open-form" onSubmit={onSubmit} noValidate>
        <h2>Open meeting notes</h2>
        <label htmlFor={fieldId}>Meeting id</label>
        <p id={hintId} className="hint">
          Paste the id or link a colleague shared, or leave it empty to start new notes.
        </p>
        <input
          id={fieldId}
          name="meetingId"
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={value}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            setValue(event.target.value)
            setError(null)
          }}
        />
        {error && (
          <p id={errorId} className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary">
          Open meeting notes
        </button>
      </form>
    </section>
  )
}

import { type FormEvent, useId, useRef, useState } from 'react'
import { saveTemplate } from '../api/endpoints.ts'
import { Dialog } from '../ui/Dialog.tsx'
import { useAction } from '../ui/useAction.ts'

/** "Save agenda as template": the agenda's titles, minutes and protocols, for later meetings. */
export function SaveTemplateButton({
  communityId,
  meetingId,
  meetingTitle,
}: {
  communityId: string
  meetingId: string
  meetingTitle: string
}) {
  const [open, setOpen] = useState(false)
  const [saved, setSaved] = useState('')
  return (
    <>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => {
          setSaved('')
          setOpen(true)
        }}
      >
        Save agenda as template
      </button>
      <p className="success-note" role="status">
        {saved && `Saved the template “${saved}”. It is offered when scheduling a meeting.`}
      </p>
      <Dialog open={open} title="Save this agenda as a template" onClose={() => setOpen(false)}>
        <SaveTemplateForm
          communityId={communityId}
          meetingId={meetingId}
          defaultName={meetingTitle}
          onSaved={(name) => {
            setSaved(name)
            setOpen(false)
          }}
        />
      </Dialog>
    </>
  )
}

function SaveTemplateForm({
  communityId,
  meetingId,
  defaultName,
  onSaved,
}: {
  communityId: string
  meetingId: string
  defaultName: string
  onSaved: (name: string) => void
}) {
  const id = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const [name, setName] = useState(defaultName)
  const [error, setError] = useState<string | null>(null)
  const action = useAction()
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!name.trim()) {
      setError('Give the template a name.')
      inputRef.current?.focus()
      return
    }
    setError(null)
    const outcome = await action.run(() => saveTemplate(communityId, { name: name.trim(), meetingId }))
    if (outcome.ok) onSaved(outcome.value.template.name)
  }
  return (
    <form className="stack-form dialog__body" onSubmit={submit} noValidate>
      <p className="hint">
        The items’ titles, minutes and protocols are saved — not the notes, owners or action items.
      </p>
      <div className="field">
        <label htmlFor={id}>Template name</label>
        <input
          ref={inputRef}
          id={id}
          type="text"
          maxLength={120}
          value={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
      {action.error && (
        <p className="error" role="alert">
          {action.error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={action.pending}>
          {action.pending ? 'Saving…' : 'Save template'}
        </button>
      </div>
    </form>
  )
}

import type { Community } from '@confer/api'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { updateCommunity } from '../api/endpoints.ts'
import { loadSchemas, usePreloadSchemas } from '../api/schemas.ts'
import { refreshSession } from '../session/session-store.ts'
import { Field } from '../ui/Field.tsx'
import { type FieldErrors, fieldErrors, showFieldErrors } from '../ui/form-errors.ts'
import { ROLE_LABELS } from '../ui/format.ts'
import { useAction } from '../ui/useAction.ts'

interface Props {
  community: Community
  onChange: (community: Community) => void
}

/** The community's name and focus; facilitators edit both in place. */
export function CommunityDetails({ community, onChange }: Props) {
  const [editing, setEditing] = useState(false)
  const editButton = useRef<HTMLButtonElement>(null)
  const stopEditing = () => setEditing(false)
  // When the form closes, focus goes back to the button that opened it (after it is rendered).
  const wasEditing = useRef(false)
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus()
    wasEditing.current = editing
  }, [editing])
  return (
    <div className="community-head">
      <p className="eyebrow">
        Community · you are {community.role === 'observer' ? 'an' : 'a'}{' '}
        {ROLE_LABELS[community.role].toLowerCase()}
      </p>
      {editing ? (
        <EditCommunityForm
          community={community}
          onSaved={(saved) => {
            onChange(saved)
            stopEditing()
          }}
          onCancel={stopEditing}
        />
      ) : (
        <>
          <h1>{community.name}</h1>
          {community.focus ? (
            <p className="community-head__focus">{community.focus}</p>
          ) : (
            <p className="empty-note">No focus written yet.</p>
          )}
          {community.role === 'facilitator' && (
            <button
              ref={editButton}
              type="button"
              className="button button--secondary button--small"
              onClick={() => setEditing(true)}
            >
              Edit name and focus
            </button>
          )}
        </>
      )}
    </div>
  )
}

type DetailsField = 'name' | 'focus'

function EditCommunityForm({
  community,
  onSaved,
  onCancel,
}: {
  community: Community
  onSaved: (community: Community) => void
  onCancel: () => void
}) {
  usePreloadSchemas()
  const formRef = useRef<HTMLFormElement>(null)
  const [name, setName] = useState(community.name)
  const [focus, setFocus] = useState(community.focus)
  const [errors, setErrors] = useState<FieldErrors<DetailsField>>({})
  const action = useAction()

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const parsed = (await loadSchemas()).UpdateCommunityBody.safeParse({ name, focus })
    if (!parsed.success) {
      showFieldErrors(setErrors, fieldErrors<DetailsField>(parsed.error), formRef.current)
      return
    }
    const outcome = await action.run(async () => {
      const saved = (await updateCommunity(community.id, parsed.data)).community
      await refreshSession()
      return saved
    })
    if (outcome.ok) onSaved(outcome.value)
  }

  return (
    <form
      ref={formRef}
      className="stack-form edit-community"
      onSubmit={onSubmit}
      noValidate
      aria-label="Edit the community"
    >
      <Field label="Community name" error={errors.name}>
        {(control) => (
          // biome-ignore lint/a11y/noAutofocus: the form replaces the heading the person chose to edit
          <input {...control} type="text" autoFocus value={name} onChange={(e) => setName(e.target.value)} />
        )}
      </Field>
      <Field label="Focus" hint="What the team is working on this year." error={errors.focus}>
        {(control) => (
          <textarea {...control} rows={3} value={focus} onChange={(e) => setFocus(e.target.value)} />
        )}
      </Field>
      {action.error && (
        <p className="error" role="alert">
          {action.error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={action.pending}>
          {action.pending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

import { type FormEvent, useRef, useState } from 'react'
import { createCommunity } from '../api/endpoints.ts'
import { loadSchemas, usePreloadSchemas } from '../api/schemas.ts'
import { navigate } from '../routing/router.ts'
import { refreshSession } from '../session/session-store.ts'
import { Field } from '../ui/Field.tsx'
import { type FieldErrors, fieldErrors, showFieldErrors } from '../ui/form-errors.ts'
import { useAction } from '../ui/useAction.ts'

type CommunityField = 'name' | 'focus'

export function CreateCommunityForm() {
  usePreloadSchemas()
  const formRef = useRef<HTMLFormElement>(null)
  const [name, setName] = useState('')
  const [focus, setFocus] = useState('')
  const [errors, setErrors] = useState<FieldErrors<CommunityField>>({})
  const action = useAction()

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const parsed = (await loadSchemas()).CreateCommunityBody.safeParse({ name, focus })
    if (!parsed.success) {
      showFieldErrors(setErrors, fieldErrors<CommunityField>(parsed.error), formRef.current)
      return
    }
    const outcome = await action.run(async () => {
      const { community } = await createCommunity(parsed.data)
      await refreshSession()
      return community.id
    })
    if (outcome.ok) navigate(`/c/${outcome.value}`)
  }

  return (
    <form
      ref={formRef}
      className="card stack-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="create-community-title"
    >
      <h2 id="create-community-title">Create a community</h2>
      <p className="hint">
        For your team: a PLC, a grade-level team, a critical-friends group. You will be its facilitator.
      </p>
      <Field label="Community name" error={errors.name}>
        {(control) => (
          <input
            {...control}
            type="text"
            value={name}
            onChange={(e) => {
              setName(e.target.value)
              setErrors((prev) => ({ ...prev, name: undefined }))
            }}
          />
        )}
      </Field>
      <Field label="Focus (optional)" hint="What the team is working on this year." error={errors.focus}>
        {(control) => (
          <textarea {...control} rows={3} value={focus} onChange={(e) => setFocus(e.target.value)} />
        )}
      </Field>
      {action.error && (
        <p className="error" role="alert">
          {action.error.message}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={action.pending}>
        {action.pending ? 'Creating…' : 'Create community'}
      </button>
    </form>
  )
}

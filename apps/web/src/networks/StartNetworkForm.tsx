import { type FormEvent, useRef, useState } from 'react'
import { createNetwork } from '../api/endpoints.ts'
import { loadSchemas, usePreloadSchemas } from '../api/schemas.ts'
import { navigate } from '../routing/router.ts'
import { Field } from '../ui/Field.tsx'
import { type FieldErrors, fieldErrors, showFieldErrors } from '../ui/form-errors.ts'
import { useAction } from '../ui/useAction.ts'

type NetworkField = 'name' | 'purpose'

/** Starts a network with this community as its first member, then opens its page. */
export function StartNetworkForm({ communityId, onCancel }: { communityId: string; onCancel: () => void }) {
  usePreloadSchemas()
  const formRef = useRef<HTMLFormElement>(null)
  const [name, setName] = useState('')
  const [purpose, setPurpose] = useState('')
  const [errors, setErrors] = useState<FieldErrors<NetworkField>>({})
  const action = useAction()

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const parsed = (await loadSchemas()).CreateNetworkBody.safeParse({ name, purpose, communityId })
    if (!parsed.success) {
      showFieldErrors(setErrors, fieldErrors<NetworkField>(parsed.error), formRef.current)
      return
    }
    const outcome = await action.run(() => createNetwork(parsed.data))
    if (outcome.ok) navigate(`/n/${outcome.value.network.id}`)
  }

  return (
    <form
      ref={formRef}
      className="stack-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="start-network-title"
    >
      <h3 id="start-network-title">Start a network</h3>
      <Field label="Network name" error={errors.name}>
        {(control) => (
          // biome-ignore lint/a11y/noAutofocus: the form appears because the person asked for it
          <input {...control} type="text" autoFocus value={name} onChange={(e) => setName(e.target.value)} />
        )}
      </Field>
      <Field label="Purpose (optional)" hint="What the schools work on together." error={errors.purpose}>
        {(control) => (
          <textarea {...control} rows={3} value={purpose} onChange={(e) => setPurpose(e.target.value)} />
        )}
      </Field>
      {action.error && (
        <p className="error" role="alert">
          {action.error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={action.pending}>
          {action.pending ? 'Starting…' : 'Start network'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

import { CreateLinkBody } from '@confer/api'
import { type FormEvent, useRef, useState } from 'react'
import { Field } from '../ui/Field.tsx'
import { type FieldErrors, fieldErrors, showFieldErrors } from '../ui/form-errors.ts'
import { useAction } from '../ui/useAction.ts'
import { addLink } from './resources-api.ts'

type LinkField = 'url' | 'title'

/** Shares a web address (http or https only, as the server insists). */
export function AddLinkForm({ communityId, onAdded }: { communityId: string; onAdded: () => void }) {
  const [url, setUrl] = useState('')
  const [title, setTitle] = useState('')
  const [errors, setErrors] = useState<FieldErrors<LinkField>>({})
  const form = useRef<HTMLFormElement>(null)
  const action = useAction()

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const parsed = CreateLinkBody.safeParse({ url, ...(title.trim() ? { title } : {}) })
    if (!parsed.success) {
      showFieldErrors(setErrors, fieldErrors<LinkField>(parsed.error), form.current)
      return
    }
    setErrors({})
    const outcome = await action.run(() => addLink(communityId, parsed.data))
    if (!outcome.ok) return
    setUrl('')
    setTitle('')
    onAdded()
  }

  return (
    <form
      ref={form}
      className="stack-form resources-form"
      onSubmit={onSubmit}
      aria-label="Share a link"
      noValidate
    >
      <Field label="Link address" hint="Starts with https:// or http://" error={errors.url}>
        {(control) => (
          <input
            {...control}
            type="url"
            inputMode="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        )}
      </Field>
      <Field label="List it as (optional)" error={errors.title}>
        {(control) => (
          <input {...control} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
        )}
      </Field>
      {action.error && (
        <p className="error" role="alert">
          {action.error.message}
        </p>
      )}
      <button type="submit" className="button button--secondary" disabled={action.pending}>
        {action.pending ? 'Sharing…' : 'Share link'}
      </button>
    </form>
  )
}

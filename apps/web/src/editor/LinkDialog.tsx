import { type FormEvent, useId, useRef, useState } from 'react'
import { Dialog } from '../ui/Dialog.tsx'

/** A web or mail address typed by a person, made safe to link: http(s) and mailto only. */
export function normalizeHref(input: string): string | null {
  const text = input.trim()
  if (!text) return null
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(text)
    ? text
    : text.includes('@') && !text.includes('/')
      ? `mailto:${text}`
      : `https://${text}`
  try {
    const url = new URL(candidate)
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null
  } catch {
    return null
  }
}

interface Props {
  open: boolean
  initialHref: string
  onApply: (href: string) => void
  onRemove: (() => void) | null
  onClose: () => void
}

/** Adds, changes or removes the link on the selected words of the notes. */
export function LinkDialog({ open, initialHref, onApply, onRemove, onClose }: Props) {
  const id = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  return (
    <Dialog
      open={open}
      title={onRemove ? 'Edit link' : 'Add a link'}
      onClose={onClose}
      initialFocus={inputRef}
    >
      {open && (
        <LinkForm
          id={id}
          inputRef={inputRef}
          initialHref={initialHref}
          onApply={onApply}
          onRemove={onRemove}
        />
      )}
    </Dialog>
  )
}

function LinkForm({
  id,
  inputRef,
  initialHref,
  onApply,
  onRemove,
}: Pick<Props, 'initialHref' | 'onApply' | 'onRemove'> & {
  id: string
  inputRef: React.RefObject<HTMLInputElement | null>
}) {
  const [href, setHref] = useState(initialHref)
  const [error, setError] = useState<string | null>(null)
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const safe = normalizeHref(href)
    if (!safe) {
      setError('Enter a web address (https://…) or an email address.')
      inputRef.current?.focus()
      return
    }
    onApply(safe)
  }
  return (
    <form className="stack-form dialog__body" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id}>Link address</label>
        <input
          ref={inputRef}
          id={id}
          type="text"
          inputMode="url"
          placeholder="https://…"
          value={href}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setHref(event.target.value)}
        />
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary">
          Apply link
        </button>
        {onRemove && (
          <button type="button" className="button button--secondary" onClick={onRemove}>
            Remove link
          </button>
        )}
      </div>
    </form>
  )
}

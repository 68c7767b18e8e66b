import { type FormEvent, type ReactNode, useId, useState } from 'react'

/** The text as it is to be saved, or what to tell the person instead. */
export type TextCheck = { text: string } | { error: string }

interface Props {
  /** The form's class; its name (for screen readers) is the submit button's label. */
  className: string
  submitLabel: string
  textLabel: string
  initialText: string
  maxLength: number
  check: (text: string) => TextCheck
  onSubmit: (text: string) => void
  onCancel: () => void
  /** The entry's other fields, between the text and the buttons. */
  children?: ReactNode
}

/**
 * The form of a list edited in place: a text that Enter saves and Escape abandons, with its
 * message under it when it does not pass, the feature's own fields, then save and cancel.
 */
export function InlineEntryForm(props: Props) {
  const { submitLabel, check, onCancel } = props
  const id = useId()
  const [text, setText] = useState(props.initialText)
  const [error, setError] = useState<string | null>(null)

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const checked = check(text)
    if ('error' in checked) {
      setError(checked.error)
      return
    }
    props.onSubmit(checked.text)
  }

  return (
    <form className={props.className} onSubmit={submit} noValidate aria-label={submitLabel}>
      <div className="field">
        <label htmlFor={`${id}-text`}>{props.textLabel}</label>
        <textarea
          id={`${id}-text`}
          rows={2}
          maxLength={props.maxLength}
          // biome-ignore lint/a11y/noAutofocus: the form opens because the person asked to write an entry
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
      {props.children}
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

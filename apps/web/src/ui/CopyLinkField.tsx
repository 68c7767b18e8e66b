import { useId, useRef, useState } from 'react'

type CopyState = 'idle' | 'copied' | 'failed'

/** A link to hand to someone: read-only, selected on focus, with a Copy button that says it worked. */
export function CopyLinkField({ label, url, hint }: { label: string; url: string; hint?: string }) {
  const id = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const [state, setState] = useState<CopyState>('idle')

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url)
      setState('copied')
    } catch {
      inputRef.current?.select()
      setState('failed')
    }
  }

  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <div className="copy-field__row">
        <input
          ref={inputRef}
          id={id}
          type="text"
          readOnly
          value={url}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button button--secondary" onClick={copy}>
          Copy link
        </button>
      </div>
      <p className="copy-field__status" role="status">
        {state === 'copied' && 'Copied'}
        {state === 'failed' &&
          'Could not copy automatically: the link is selected, press Ctrl+C (⌘C on a Mac).'}
      </p>
    </div>
  )
}

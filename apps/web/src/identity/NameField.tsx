import { useId } from 'react'
import { MAX_NAME_LENGTH, setDisplayName } from './identity-store.ts'
import { useIdentity } from './useIdentity.ts'

/** The header field where people say who they are; others see this name on their caret. */
export function NameField() {
  const identity = useIdentity()
  const id = useId()
  const hintId = `${id}-hint`
  return (
    <div className="name-field">
      <label htmlFor={id}>Your name</label>
      <span className="name-field__control">
        <span className="swatch" style={{ backgroundColor: identity.color }} aria-hidden="true" />
        <input
          id={id}
          type="text"
          autoComplete="name"
          maxLength={MAX_NAME_LENGTH}
          placeholder={identity.guestName}
          value={identity.draft}
          aria-describedby={hintId}
          onChange={(event) => setDisplayName(event.target.value)}
        />
      </span>
      <span id={hintId} className="visually-hidden">
        Shown to others next to your cursor. Leave blank to appear as {identity.guestName}.
      </span>
    </div>
  )
}

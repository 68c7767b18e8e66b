import { useId, useState } from 'react'
import { PresenterSelect } from './PresenterSelect.tsx'
import type { RoundPerson } from './useRoundPeople.ts'

interface Props {
  presenterId: string | null
  people: readonly RoundPerson[]
  nameFor: (userId: string) => string | null
  onSet: (userId: string | null) => Promise<unknown>
}

/**
 * Changing the presenter during a round. A button sends the choice, so moving through the list
 * with the arrow keys does not rename the presenter on every screen at each step.
 */
export function PresenterControl({ presenterId, people, nameFor, onSet }: Props) {
  const selectId = useId()
  const [draft, setDraft] = useState<{ from: string | null; value: string | null } | null>(null)
  // A choice made against an older presenter is dropped once the server names another one.
  const value = draft && draft.from === presenterId ? draft.value : presenterId
  return (
    <form
      className="presenter-control"
      onSubmit={(event) => {
        event.preventDefault()
        // Kept until the server names the new presenter, so the choice does not flicker back.
        void onSet(value)
      }}
    >
      <div className="field presenter-field">
        <label htmlFor={selectId}>Presenter</label>
        <PresenterSelect
          id={selectId}
          people={people}
          value={value}
          nameFor={nameFor}
          onChange={(next) => setDraft({ from: presenterId, value: next })}
        />
      </div>
      <button
        type="submit"
        className="button button--secondary button--small"
        disabled={value === presenterId}
      >
        Change presenter
      </button>
    </form>
  )
}

import type { RefObject } from 'react'
import { personLabel, type RoundPerson } from './useRoundPeople.ts'

interface Props {
  id: string
  people: readonly RoundPerson[]
  /** The chosen user id, or null for nobody. */
  value: string | null
  /** Names someone who is no longer in `people` (a guest who left, say), so the choice still shows. */
  nameFor: (userId: string) => string | null
  onChange: (userId: string | null) => void
  selectRef?: RefObject<HTMLSelectElement | null>
}

/** Who presents: anyone of the meeting, guests included, or nobody yet. */
export function PresenterSelect({ id, people, value, nameFor, onChange, selectRef }: Props) {
  const listed = value === null || people.some((p) => p.userId === value)
  return (
    <select
      id={id}
      ref={selectRef}
      value={value ?? ''}
      onChange={(event) => onChange(event.target.value || null)}
    >
      <option value="">No presenter</option>
      {value !== null && !listed && <option value={value}>{nameFor(value) ?? 'Someone who has left'}</option>}
      {people.map((person) => (
        <option key={person.userId} value={person.userId}>
          {personLabel(person)}
        </option>
      ))}
    </select>
  )
}

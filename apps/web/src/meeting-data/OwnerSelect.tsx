import type { MeetingPeople } from './useMeetingPeople.ts'

interface Props {
  id?: string
  label?: string
  value: string | null
  people: MeetingPeople
  onChange: (ownerId: string | null) => void
  className?: string
}

/** Who owns an agenda item or an action item; "No owner" is always a choice. */
export function OwnerSelect({ id, label, value, people, onChange, className }: Props) {
  const known = value === null || people.choices.some((choice) => choice.id === value)
  return (
    <select
      id={id}
      aria-label={label}
      className={className}
      value={value ?? ''}
      onChange={(event) => onChange(event.target.value || null)}
    >
      <option value="">No owner</option>
      {!known && value !== null && <option value={value}>{people.nameOf(value)}</option>}
      {people.choices.map((choice) => (
        <option key={choice.id} value={choice.id}>
          {choice.name}
        </option>
      ))}
    </select>
  )
}

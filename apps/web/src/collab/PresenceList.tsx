import { useId } from 'react'
import type { Participant } from './usePresence.ts'

/** "Here now": who has this document open, with the colour of their caret. */
export function PresenceList({ people }: { people: Participant[] }) {
  const headingId = useId()
  return (
    <section className="presence" aria-labelledby={headingId}>
      <h2 id={headingId} className="presence__title">
        Here now <span className="presence__count">({people.length})</span>
      </h2>
      <ul className="presence__list">
        {people.map((person) => (
          <li key={person.clientId} className="presence__person">
            <span className="swatch" style={{ backgroundColor: person.color }} aria-hidden="true" />
            <span className="presence__name">{person.name}</span>
            {person.isSelf && <span className="presence__you"> (you)</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}

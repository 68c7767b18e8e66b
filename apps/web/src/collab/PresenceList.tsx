import { useId } from 'react'
import type { Participant } from './usePresence.ts'

interface Props {
  people: Participant[]
  /** The title of an agenda item, for "in <item>"; undefined for an item not (yet) known here. */
  itemTitle?: (itemId: string) => string | undefined
}

/**
 * "Here now": who has this meeting open (once each, however many devices), with their caret
 * colour, where they write, and who is idle.
 */
export function PresenceList({ people, itemTitle }: Props) {
  const headingId = useId()
  return (
    <section className="presence" aria-labelledby={headingId}>
      <h2 id={headingId} className="presence__title">
        Here now <span className="presence__count">({people.length})</span>
      </h2>
      <ul className="presence__list">
        {people.map((person) => {
          const where = person.itemId ? itemTitle?.(person.itemId) : undefined
          const details = [
            person.devices > 1 ? `${person.devices} devices` : null,
            person.idle ? 'idle' : null,
            where !== undefined ? `in ${where || 'Untitled item'}` : null,
          ]
            .filter(Boolean)
            .join(' · ')
          return (
            <li key={person.key} className="presence__person" data-idle={person.idle || undefined}>
              <span className="swatch" style={{ backgroundColor: person.color }} aria-hidden="true" />
              <span className="presence__text">
                <span className="presence__who">
                  <span className="presence__name">{person.name}</span>
                  {person.isSelf && <span className="presence__you"> (you)</span>}
                </span>
                {details && <span className="presence__details">{details}</span>}
              </span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

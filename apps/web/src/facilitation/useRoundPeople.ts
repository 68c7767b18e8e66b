import type { Member } from '@confer/api'
import { meetingDocumentName } from '@confer/model'
import { useMemo } from 'react'
import { useCollabSession } from '../collab/useCollabSession.ts'
import { usePresence } from '../collab/usePresence.ts'

/** Someone a facilitator may put in the go-round or name as presenter. */
export interface RoundPerson {
  userId: string
  name: string
  /** A network guest: present in the meeting, not a member of the community. */
  guest: boolean
  observer: boolean
}

/** "Cy Lee", or "Cy Lee (guest)" so a facilitator can tell a visitor from a colleague. */
export const personLabel = (person: RoundPerson): string =>
  person.guest ? `${person.name} (guest)` : person.name

/**
 * The community's members and the network guests in the meeting right now (the server stamps
 * each one's account and name on presence): guests are nowhere else a facilitator could find
 * them. Shares the meeting document the notes already have open.
 */
export function useRoundPeople(meetingId: string, members: readonly Member[]): RoundPerson[] {
  const session = useCollabSession(meetingDocumentName(meetingId))
  const present = usePresence(session)
  // Presence changes with every caret move and idle flag; only who is here matters.
  const presentKey = present.flatMap((p) => (p.userId ? [`${p.userId}\t${p.name}`] : [])).join('\n')
  return useMemo(() => {
    // Until the members have loaded, anyone here would look like a guest.
    if (members.length === 0) return []
    const people: RoundPerson[] = members.map((m) => ({
      userId: m.userId,
      name: m.name,
      guest: false,
      observer: m.role === 'observer',
    }))
    const known = new Set(people.map((p) => p.userId))
    for (const line of presentKey ? presentKey.split('\n') : []) {
      const [userId = '', name = ''] = line.split('\t')
      if (known.has(userId)) continue
      known.add(userId)
      people.push({ userId, name, guest: true, observer: false })
    }
    return people
  }, [members, presentKey])
}

import { useEffect, useState } from 'react'
import type { CollabSession } from './session.ts'

export interface Participant {
  clientId: number
  name: string
  color: string
  isSelf: boolean
}

function readParticipants(session: CollabSession): Participant[] {
  const awareness = session.provider.awareness
  if (!awareness) return []
  const people: Participant[] = []
  for (const [clientId, state] of awareness.getStates()) {
    // Any client can publish anything: show only well-formed users.
    const user: unknown = state?.user
    if (typeof user !== 'object' || user === null) continue
    const { name, color } = user as Record<string, unknown>
    if (typeof name !== 'string' || !name.trim()) continue
    people.push({
      clientId,
      name: name.slice(0, 60),
      color: typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : '#667085',
      isSelf: clientId === awareness.clientID,
    })
  }
  return people.sort(
    (a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name) || a.clientId - b.clientId,
  )
}

function sameParticipants(a: Participant[], b: Participant[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i]
      return q !== undefined && p.clientId === q.clientId && p.name === q.name && p.color === q.color
    })
  )
}

/** Everyone with this document open right now (one entry per open tab), yourself first. */
export function usePresence(session: CollabSession | null): Participant[] {
  const [people, setPeople] = useState<Participant[]>([])
  useEffect(() => {
    const awareness = session?.provider.awareness
    if (!session || !awareness) return
    const update = () => {
      const next = readParticipants(session)
      // Cursor moves also fire 'change'; keep the old list when nobody joined, left or renamed.
      setPeople((prev) => (sameParticipants(prev, next) ? prev : next))
    }
    update()
    // 'change' skips the periodic renewals, so the list re-renders only when someone moves.
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [session])
  return people
}

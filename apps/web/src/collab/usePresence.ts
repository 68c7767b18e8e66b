import { useEffect, useState } from 'react'
import type { CollabSession } from './session.ts'

export interface Participant {
  clientId: number
  /** The account, as the server stamps it on everyone's presence; null for a malformed entry. */
  userId: string | null
  name: string
  color: string
  isSelf: boolean
  /** No input for a while, or the tab is in the background. */
  idle: boolean
  /** The agenda item whose notes hold this person's caret, if any. */
  itemId: string | null
}

const COLOR = /^#[0-9a-f]{6}$/i

function readParticipants(session: CollabSession, selfId: string | null): Participant[] {
  const awareness = session.provider.awareness
  if (!awareness) return []
  const people: Participant[] = []
  for (const [clientId, state] of awareness.getStates()) {
    // Any client can publish anything: show only well-formed users.
    const user: unknown = state?.user
    if (typeof user !== 'object' || user === null) continue
    const { name, color, id } = user as Record<string, unknown>
    if (typeof name !== 'string' || !name.trim()) continue
    const isSelf = clientId === awareness.clientID
    const itemId: unknown = state.itemId
    people.push({
      clientId,
      userId: isSelf ? selfId : typeof id === 'string' ? id : null,
      name: name.slice(0, 60),
      color: typeof color === 'string' && COLOR.test(color) ? color : '#667085',
      isSelf,
      idle: state.idle === true,
      itemId: typeof itemId === 'string' ? itemId : null,
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
      return (
        q !== undefined &&
        p.clientId === q.clientId &&
        p.userId === q.userId &&
        p.name === q.name &&
        p.color === q.color &&
        p.idle === q.idle &&
        p.itemId === q.itemId
      )
    })
  )
}

/**
 * Everyone with this document open right now (one entry per open tab), yourself first.
 * `selfId` is the signed-in account: our own copy of our presence does not carry the id the
 * server stamps on what others receive.
 */
export function usePresence(session: CollabSession | null, selfId: string | null = null): Participant[] {
  const [people, setPeople] = useState<Participant[]>([])
  useEffect(() => {
    const awareness = session?.provider.awareness
    if (!session || !awareness) return
    const update = () => {
      const next = readParticipants(session, selfId)
      // Caret moves also fire 'change'; keep the old list when nothing shown here changed.
      setPeople((prev) => (sameParticipants(prev, next) ? prev : next))
    }
    update()
    // 'change' skips the periodic renewals, so the list re-renders only when something moved.
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [session, selfId])
  return people
}

import { useEffect, useState } from 'react'
import { groupByPerson, type Participant, type PresenceDevice, sameParticipants } from './presence-people.ts'
import type { CollabSession } from './session.ts'

export type { Participant } from './presence-people.ts'

const COLOR = /^#[0-9a-f]{6}$/i

function readDevices(
  session: CollabSession,
  selfId: string | null,
  changedAt: Map<number, number>,
): PresenceDevice[] {
  const awareness = session.provider.awareness
  if (!awareness) return []
  const devices: PresenceDevice[] = []
  for (const [clientId, state] of awareness.getStates()) {
    // Any client can publish anything: show only well-formed users.
    const user: unknown = state?.user
    if (typeof user !== 'object' || user === null) continue
    const { name, color, id } = user as Record<string, unknown>
    if (typeof name !== 'string' || !name.trim()) continue
    const isSelf = clientId === awareness.clientID
    const itemId: unknown = state.itemId
    devices.push({
      clientId,
      userId: isSelf ? selfId : typeof id === 'string' ? id : null,
      name: name.slice(0, 60),
      color: typeof color === 'string' && COLOR.test(color) ? color : '#667085',
      isSelf,
      idle: state.idle === true,
      itemId: typeof itemId === 'string' ? itemId : null,
      changedAt: changedAt.get(clientId) ?? 0,
    })
  }
  return devices
}

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/**
 * Everyone with this document open right now, one entry per person however many devices they
 * use (SPEC P1), yourself first. `selfId` is the signed-in account: our own copy of our
 * presence does not carry the id the server stamps on what others receive. A person who left
 * goes when the server says so (at once, or once their silent socket is dropped: SPEC P2), or
 * when the provider drops a state nobody renewed for 30 s.
 */
export function usePresence(session: CollabSession | null, selfId: string | null = null): Participant[] {
  const [people, setPeople] = useState<Participant[]>([])
  useEffect(() => {
    const awareness = session?.provider.awareness
    if (!session || !awareness) return
    // Which device moved last, for the caret's item when a person has several.
    const changedAt = new Map<number, number>()
    const update = (change?: AwarenessChange) => {
      if (change) {
        const now = Date.now()
        for (const clientId of [...change.added, ...change.updated]) changedAt.set(clientId, now)
        for (const clientId of change.removed) changedAt.delete(clientId)
      }
      const next = groupByPerson(readDevices(session, selfId, changedAt))
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

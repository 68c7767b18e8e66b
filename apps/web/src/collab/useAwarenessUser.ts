import { useEffect } from 'react'
import type { CollabSession } from './session.ts'

export interface PresenceUser {
  /** The account id; the server overwrites it with the authenticated one anyway. */
  id: string
  name: string
  color: string
}

/**
 * Publishes who we are on the document's awareness, where carets and the presence list read it.
 * Set here rather than only by the caret extension so presence works before any editor exists.
 */
export function useAwarenessUser(session: CollabSession | null, user: PresenceUser): void {
  const { id, name, color } = user
  useEffect(() => {
    session?.provider.setAwarenessField('user', { id, name, color })
  }, [session, id, name, color])
}

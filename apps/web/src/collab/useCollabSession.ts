import { useEffect, useState } from 'react'
import { acquireSession, type CollabSession, releaseSession } from './session.ts'

/** The shared session for a document name; null on the first render, before the effect runs. */
export function useCollabSession(name: string): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null)
  useEffect(() => {
    const acquired = acquireSession(name)
    setSession(acquired)
    return () => releaseSession(acquired)
  }, [name])
  return session?.name === name ? session : null
}

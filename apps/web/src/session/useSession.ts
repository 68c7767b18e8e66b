import type { Me } from '@confer/api'
import { useSyncExternalStore } from 'react'
import { getSession, type Session, subscribeSession } from './session-store.ts'

export function useSession(): Session {
  return useSyncExternalStore(subscribeSession, getSession)
}

/** The signed-in person; only for pages rendered inside RequireSession. */
export function useMe(): Me {
  const session = useSession()
  if (session.status !== 'signed-in') throw new Error('useMe() outside a signed-in page')
  return session.me
}

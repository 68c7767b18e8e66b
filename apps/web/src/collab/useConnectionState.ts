import { useEffect, useState } from 'react'
import type { ConnectionState } from './connection-state.ts'
import { trackConnection } from './connection-tracker.ts'
import type { CollabSession } from './session.ts'

export function useConnectionState(session: CollabSession | null): ConnectionState {
  const [state, setState] = useState<ConnectionState>('connecting')
  useEffect(() => {
    if (!session) return
    return trackConnection(session, setState)
  }, [session])
  return state
}

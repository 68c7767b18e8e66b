import { useSyncExternalStore } from 'react'
import type { RefusalCause } from './close-reasons.ts'
import type { CollabSession } from './session.ts'

const never = () => () => {}

/** Why the server refused this tab's change to the session's document, or null. */
export function useUpdateRefusal(session: CollabSession | null): RefusalCause | null {
  return useSyncExternalStore(
    session ? session.refusal.subscribe : never,
    () => session?.refusal.current() ?? null,
  )
}

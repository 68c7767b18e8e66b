import { type ConnectionState, connectionLabel } from './connection-state.ts'
import type { CollabSession } from './session.ts'
import { useUnsyncedChanges } from './useUnsyncedChanges.ts'

/**
 * Says plainly whether edits are reaching the others, and how many wait on this device when
 * they are not; politely announced when it changes. Counts its own re-renders, not the page's.
 */
export function ConnectionBadge({
  state,
  session,
}: {
  state: ConnectionState
  session: CollabSession | null
}) {
  const unsynced = useUnsyncedChanges(session)
  return (
    <div className="connection-badge" role="status" aria-live="polite" data-state={state}>
      <span className="connection-badge__dot" aria-hidden="true" />
      <span>{connectionLabel(state, unsynced)}</span>
    </div>
  )
}

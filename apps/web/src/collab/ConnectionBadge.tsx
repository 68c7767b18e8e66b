import { CONNECTION_LABELS, type ConnectionState } from './connection-state.ts'

/** Says plainly whether edits are reaching the others, politely announced when it changes. */
export function ConnectionBadge({ state }: { state: ConnectionState }) {
  return (
    <div className="connection-badge" role="status" aria-live="polite" data-state={state}>
      <span className="connection-badge__dot" aria-hidden="true" />
      <span>{CONNECTION_LABELS[state]}</span>
    </div>
  )
}

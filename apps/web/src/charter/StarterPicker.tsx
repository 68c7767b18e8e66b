import { useApi } from '../api/useApi.ts'
import { useAction } from '../ui/useAction.ts'
import { applyStarterCharter, listStarterCharters } from './charter-api.ts'

/** The empty state: start from one of the starter charters (the server fills in the norms). */
export function StarterPicker({ communityId }: { communityId: string }) {
  const starters = useApi('starter-charters', (signal) => listStarterCharters(signal))
  const action = useAction()
  return (
    <div className="starter-picker">
      <p>No norms yet. Write your own below, or start from a set and edit it together.</p>
      {starters.error && (
        <p className="error">Could not load the starter charters. {starters.error.message}</p>
      )}
      {!starters.data && !starters.error && <p className="notice">Loading starter charters…</p>}
      {starters.data && (
        <ul className="starter-picker__list">
          {starters.data.starters.map((starter) => (
            <li key={starter.id} className="starter-card">
              <h3>{starter.name}</h3>
              <ul>
                {starter.norms.map((norm) => (
                  <li key={norm}>{norm}</li>
                ))}
              </ul>
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={action.pending}
                onClick={() => void action.run(() => applyStarterCharter(communityId, starter.id))}
              >
                Start from “{starter.name}”
              </button>
            </li>
          ))}
        </ul>
      )}
      {action.error && (
        <p className="error" role="alert">
          {action.error.status === 409 ? 'Someone has already started the norms.' : action.error.message}
        </p>
      )}
    </div>
  )
}

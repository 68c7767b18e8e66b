import { useSyncExternalStore } from 'react'
import { formatDateTime } from '../ui/format.ts'
import { type Connectivity, getConnectivity, subscribeConnectivity } from './connectivity.ts'
import { applyUpdate, isUpdateReady, subscribeUpdateReady } from './service-worker.ts'
import './offline.css'

function savedWhen(stored: Connectivity['stored']): string {
  const date = stored?.savedAt ? new Date(stored.savedAt) : null
  return date && !Number.isNaN(date.getTime()) ? ` on ${formatDateTime(date.toISOString())}` : ''
}

/** Says when the page is working from this device's copy; empty (and silent) otherwise. */
function storedDataText({ online, stored }: Connectivity): string {
  if (!online) {
    return `You are offline. This page shows what this device saved${savedWhen(stored)}; what you type is kept here and sent when you are back online.`
  }
  if (stored) {
    return `Confer could not be reached, so some of this page is what this device saved${savedWhen(stored)}.`
  }
  return ''
}

/**
 * A bar at the bottom of every page: "showing stored data" while offline or when the server did
 * not answer, and "a new version is ready" with a reload the person chooses. Both messages are
 * polite live regions that are always in the page, so screen readers hear them change.
 */
export function OfflineBanner() {
  const connectivity = useSyncExternalStore(subscribeConnectivity, getConnectivity)
  const updateReady = useSyncExternalStore(subscribeUpdateReady, isUpdateReady)
  const stored = storedDataText(connectivity)
  // Online again after a stored answer: the notes catch up by themselves, the rest on a reload.
  const canRefresh = connectivity.online && connectivity.stored !== null
  const shown = stored !== '' || updateReady

  return (
    <div className={shown ? 'offline-bar offline-bar--shown' : 'offline-bar'}>
      <div className="offline-bar__row">
        <p className="offline-bar__message" role="status">
          {stored}
        </p>
        {canRefresh && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => location.reload()}
          >
            Load the latest
          </button>
        )}
      </div>
      <div className="offline-bar__row">
        <p className="offline-bar__message" role="status">
          {updateReady ? 'A new version of Confer is ready.' : ''}
        </p>
        {updateReady && (
          <button
            type="button"
            className="button button--primary button--small"
            onClick={() => void applyUpdate()}
          >
            Reload
          </button>
        )}
      </div>
    </div>
  )
}

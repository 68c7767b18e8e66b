import { followConnectivity } from '../offline/connectivity.ts'
import { registerServiceWorker } from '../offline/service-worker.ts'
import { clearStoredAnswers } from '../offline/stored-answers.ts'
import { getSession, subscribeSession } from '../session/session-store.ts'

/**
 * The offline app shell (issue 27): the service worker, what the page knows of the network, and
 * forgetting the stored API answers whenever nobody is signed in here (a log-out in any tab, or
 * a session that ended by itself), so the next person on this browser never sees them.
 */
export function startOfflineShell(): void {
  followConnectivity()
  subscribeSession(() => {
    if (getSession().status === 'signed-out') void clearStoredAnswers()
  })
  registerServiceWorker()
}

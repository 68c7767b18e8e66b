import { logout, logoutEverywhere } from '../api/endpoints.ts'
import { closeAllDocuments } from '../collab/open-documents.ts'
import { clearStoredAnswers } from '../offline/stored-answers.ts'
import { navigate } from '../routing/router.ts'
import { markSignedOut } from '../session/session-store.ts'
import { clearDeviceData } from './device-data.ts'
import { tellOtherTabs } from './tab-sync.ts'

/** Leaves this device clean and shows the log-in page (the session itself is already gone). */
export async function leaveDevice(): Promise<void> {
  markSignedOut()
  navigate('/login')
  // The meeting page unmounts on the navigation above; then its documents close and are deleted.
  await closeAllDocuments()
  // The service worker's copies of API answers (who this was, their communities and meetings) too.
  await Promise.all([clearDeviceData(), clearStoredAnswers()])
}

/**
 * Ends the session on the server, then deletes this device's copies of documents. Throws (with
 * the server's message) when the server cannot be reached: nothing is deleted then, since the
 * session cookie would still be valid.
 */
export async function logOut(): Promise<void> {
  await logout()
  tellOtherTabs('logged-out')
  await leaveDevice()
}

/**
 * Signs the account out on every device and revokes every API token (the server closes their
 * live connections), then leaves this device clean like an ordinary log-out.
 */
export async function logOutEverywhere(): Promise<void> {
  await logoutEverywhere()
  tellOtherTabs('logged-out')
  await leaveDevice()
}

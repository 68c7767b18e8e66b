import { CloseCode } from '@confer/model'
import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { refreshSession } from '../session/session-store.ts'

/**
 * The server closes a socket with 4401 when the session it authenticated with expires (SPEC A8).
 * Then we ask the server who we are: if the session is gone, the page sends the person to log in
 * and back here afterwards (RequireSession); if this browser has logged in again meanwhile (a new
 * cookie), the provider simply reconnects with it. Unsaved edits stay on the device either way.
 */
export function followCredentialExpiry(socket: HocuspocusProviderWebsocket): void {
  socket.on('close', ({ event }: { event: CloseEvent }) => {
    if (event.code === CloseCode.credentialExpired) void refreshSession()
  })
}

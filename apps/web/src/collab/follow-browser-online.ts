import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import type { UpdateRefusal } from './update-refusal.ts'

/**
 * Closes the document's socket when the browser says it is offline and opens it again when it
 * is back (SPEC P2). `navigator.onLine === false` is reliable, unlike `true`: nothing can get
 * through, yet the browser leaves the open socket as it is, so the server would keep the person
 * present until its heartbeat gives up, and the provider would wait 30 s for silence before
 * reconnecting. Closing says goodbye at once when the close frame still gets out (a captive
 * portal, a VPN dropping, Chromium's offline emulation), and the first `online` reconnects
 * without waiting out the retry delay. A socket stopped for a refused update stays stopped.
 */
export function followBrowserOnline(socket: HocuspocusProviderWebsocket, refusal: UpdateRefusal): () => void {
  let closedForOffline = false
  const onOffline = () => {
    if (refusal.current()) return
    closedForOffline = true
    socket.disconnect()
  }
  const onOnline = () => {
    if (!closedForOffline || refusal.current()) return
    closedForOffline = false
    void socket.connect()
  }
  window.addEventListener('offline', onOffline)
  window.addEventListener('online', onOnline)
  return () => {
    window.removeEventListener('offline', onOffline)
    window.removeEventListener('online', onOnline)
  }
}

import { CloseCode } from '@confer/model'
import { WebSocketStatus } from '@hocuspocus/provider'
import { closeMeaning, type RetryCause } from './close-reasons.ts'
import { type ConnectionState, connectionState } from './connection-state.ts'
import type { CollabSession } from './session.ts'

/**
 * Quick acknowledgements are not worth a "Saving…" flash on every keystroke (it would also be
 * announced to screen readers each time); pending longer than this is shown.
 */
const SLOW_SAVE_MS = 500

/**
 * Local changes unacknowledged this long, with not one message from the server meanwhile (an
 * acknowledgement takes milliseconds; everyone's presence renewals arrive every 15 s): the link
 * is dead though the socket looks open. The provider itself notices only after 30 s of silence.
 */
const STALL_MS = 4_000

const browserOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false

/**
 * Follows one session's provider and document and reports the badge state whenever it changes.
 * Reads the provider's live fields on every event rather than trusting event payloads, since
 * several events fire for one transition in no guaranteed order.
 */
export function trackConnection(
  session: CollabSession,
  onChange: (state: ConnectionState) => void,
): () => void {
  const { provider, doc, local } = session
  let hasDropped = false
  let pendingLocal = false
  let saved = false
  let slowSave = false
  let storageFailing = false
  let retryCause: RetryCause | null = null
  let slowTimer: ReturnType<typeof setTimeout> | null = null
  let online = browserOnline()
  let stalled = false
  let stallTimer: ReturnType<typeof setTimeout> | null = null
  let last: ConnectionState | null = null

  const socketStatus = (): WebSocketStatus => session.socket.status

  const clearStallTimer = () => {
    if (stallTimer !== null) clearTimeout(stallTimer)
    stallTimer = null
  }

  const recompute = () => {
    const status = socketStatus()
    const open = status === WebSocketStatus.Connected && provider.isSynced
    // Changes wait on an open socket: the server must say something within STALL_MS.
    if (!(open && provider.unsyncedChanges > 0)) {
      stalled = false
      clearStallTimer()
    } else if (!stalled && stallTimer === null) {
      stallTimer = setTimeout(() => {
        stallTimer = null
        stalled = true
        recompute()
      }, STALL_MS)
    }
    const live = open && online && !stalled
    if (live && pendingLocal && provider.unsyncedChanges === 0) {
      pendingLocal = false
      saved = true
    }
    // The server acknowledged everything again: it can store once more.
    if (live && provider.unsyncedChanges === 0) storageFailing = false
    if (live) retryCause = null
    if (!(live && pendingLocal)) {
      slowSave = false
      if (slowTimer !== null) clearTimeout(slowTimer)
      slowTimer = null
    } else if (slowTimer === null && !slowSave) {
      slowTimer = setTimeout(() => {
        slowTimer = null
        slowSave = true
        recompute()
      }, SLOW_SAVE_MS)
    }
    const next = connectionState({
      socket: status,
      online,
      stalled,
      synced: provider.isSynced,
      hasDropped,
      slowSave,
      saved,
      storageFailing,
      refused: session.refusal.current() !== null,
      retryCause,
    })
    if (next !== last) {
      last = next
      onChange(next)
    }
  }

  const onDisconnect = ({ event }: { event?: CloseEvent }) => {
    hasDropped = true
    if (event?.code === CloseCode.storageUnavailable) storageFailing = true
    recompute()
  }
  // 'close' (not 'disconnect') carries the server's close frame, never the provider's own timeouts.
  const onClose = ({ event }: { event: CloseEvent }) => {
    const meaning = closeMeaning(event)
    retryCause = meaning?.kind === 'retry' ? meaning.cause : null
    recompute()
  }
  // Anything from the server proves the link; only needed while a stall is being timed.
  const onMessage = () => {
    if (stallTimer === null && !stalled) return
    clearStallTimer()
    // Back from a stall with changes waiting: they are on their way now, say so at once.
    if (stalled && pendingLocal) slowSave = true
    stalled = false
    recompute()
  }
  const onOnline = () => {
    online = true
    if (pendingLocal) slowSave = true
    recompute()
  }
  const onOffline = () => {
    online = false
    recompute()
  }
  const onDocUpdate = (_update: Uint8Array, origin: unknown) => {
    // Updates from the server or from this device's stored copy are not new local edits.
    if (origin === provider || origin === local) return
    // "saved" stays up while a quick acknowledgement is on its way, so typing does not flicker.
    pendingLocal = true
    recompute()
  }

  provider.on('status', recompute)
  provider.on('synced', recompute)
  provider.on('unsyncedChanges', recompute)
  provider.on('disconnect', onDisconnect)
  session.socket.on('close', onClose)
  session.socket.on('message', onMessage)
  window.addEventListener('online', onOnline)
  window.addEventListener('offline', onOffline)
  const stopRefusal = session.refusal.subscribe(recompute)
  doc.on('update', onDocUpdate)
  recompute()

  return () => {
    provider.off('status', recompute)
    provider.off('synced', recompute)
    provider.off('unsyncedChanges', recompute)
    provider.off('disconnect', onDisconnect)
    session.socket.off('close', onClose)
    session.socket.off('message', onMessage)
    window.removeEventListener('online', onOnline)
    window.removeEventListener('offline', onOffline)
    stopRefusal()
    doc.off('update', onDocUpdate)
    if (slowTimer !== null) clearTimeout(slowTimer)
    clearStallTimer()
  }
}

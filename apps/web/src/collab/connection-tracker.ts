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
  let last: ConnectionState | null = null

  const socketStatus = (): WebSocketStatus => session.socket.status

  const recompute = () => {
    const status = socketStatus()
    const live = status === WebSocketStatus.Connected && provider.isSynced
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
  const stopRefusal = session.refusal.subscribe(recompute)
  doc.on('update', onDocUpdate)
  recompute()

  return () => {
    provider.off('status', recompute)
    provider.off('synced', recompute)
    provider.off('unsyncedChanges', recompute)
    provider.off('disconnect', onDisconnect)
    session.socket.off('close', onClose)
    stopRefusal()
    doc.off('update', onDocUpdate)
    if (slowTimer !== null) clearTimeout(slowTimer)
  }
}

import type { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import type * as Y from 'yjs'
import { closeMeaning, type RefusalCause } from './close-reasons.ts'

/** Whether the server refused this tab's change to the document; components subscribe to it. */
export interface UpdateRefusal {
  current(): RefusalCause | null
  subscribe(listener: () => void): () => void
}

/**
 * A discard (4422 "could not be applied") closes every socket of the document, so one alone
 * says nothing about whose update it was. Only a tab with changes of its own (typed here, or
 * brought back from this device) that stay unacknowledged through this many discards in a row
 * is taken to be the sender; the others just reconnect. A tab that only reads never counts.
 */
const DISCARDS_BEFORE_REFUSING = 3

/**
 * Follows one document's socket for the server refusing an update (SPEC H1, H2). The provider
 * would reconnect and resend the same unacknowledged update, to be refused again, forever, and
 * nothing typed after it would be saved either; so on a refusal the socket stops reconnecting
 * and the refusal is kept for the page to explain. The change stays in this tab's document.
 */
export function followUpdateRefusal(
  socket: HocuspocusProviderWebsocket,
  provider: HocuspocusProvider,
  doc: Y.Doc,
): UpdateRefusal {
  let refused: RefusalCause | null = null
  let discards = 0
  let ownChangesPending = false
  const listeners = new Set<() => void>()

  const refuse = (cause: RefusalCause) => {
    refused = cause
    // Clears the reconnect the provider has just scheduled, and any later one.
    socket.disconnect()
    for (const listener of listeners) listener()
  }
  // 'close' carries the server's close frame; the provider's own dead-link detection does not
  // emit it, so nothing here mistakes a flaky network for a refusal.
  socket.on('close', ({ event }: { event: CloseEvent }) => {
    if (refused) return
    const meaning = closeMeaning(event)
    if (meaning?.kind === 'refused') refuse(meaning.cause)
    else if (meaning?.kind === 'discarded' && ownChangesPending) {
      discards += 1
      if (discards >= DISCARDS_BEFORE_REFUSING) refuse('unreadable')
    }
  })
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider) ownChangesPending = true
  })
  provider.on('unsyncedChanges', () => {
    if (provider.unsyncedChanges > 0) return
    ownChangesPending = false
    discards = 0
  })

  return {
    current: () => refused,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

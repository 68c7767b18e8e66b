import type { Connection, Document, Hocuspocus } from '@hocuspocus/server'

/** How the sockets of a discarded document are closed (a CloseCode and its reason). */
export interface DiscardClose {
  code: number
  reason: string
}

const discarded = new WeakSet<Document>()

/** Whether `document` was discarded: nothing of it may be stored, and it is never unloaded again. */
export function isDiscarded(document: Document): boolean {
  return discarded.has(document)
}

/**
 * Drops a loaded document whose memory can no longer be trusted to match the store (an update
 * half applied, or applied but never committed), so the next connection loads it again from
 * the store. Its sockets are closed with `close`: the providers reconnect, sync with the
 * reloaded document and send again whatever it lacks, which is then committed before it is
 * acknowledged. Returns false if it was discarded already.
 *
 * Hocuspocus finds documents by name, so its own later unload of this object (its last
 * connection leaving, its debounced store) must never remove a new document loaded under the
 * same name: DurablePersistence refuses to store or unload a discarded document, and the
 * afterUnloadDocument hooks run here, once.
 */
export function discardDocument(hocuspocus: Hocuspocus, document: Document, close: DiscardClose): boolean {
  if (discarded.has(document)) return false
  discarded.add(document)
  const name = document.name
  if (hocuspocus.documents.get(name) === document) hocuspocus.documents.delete(name)
  // A store still pending for it runs now, while the name is its own (and stores nothing), so
  // it cannot later stand in for the store of a document loaded again under that name.
  const storeId = `onStoreDocument-${name}`
  if (hocuspocus.debouncer.isDebounced(storeId)) void hocuspocus.debouncer.executeNow(storeId)
  // A connection set up in the moment before it was dropped is closed as it arrives.
  document.addConnection = (connection: Connection) => {
    closeConnection(connection, close)
    return document
  }
  for (const connection of document.getConnections()) closeConnection(connection, close)
  void hocuspocus.hooks('afterUnloadDocument', { instance: hocuspocus, documentName: name }).catch(() => {})
  document.destroy()
  return true
}

function closeConnection(connection: Connection, { code, reason }: DiscardClose): void {
  // The socket first: once it is closing, nothing more is sent on it, no acknowledgement either.
  connection.webSocket.close(code, reason)
  connection.close({ code, reason })
}

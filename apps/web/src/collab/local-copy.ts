import { LOCAL_DB_PREFIX } from './storage-keys.ts'

/** The object store y-indexeddb (9.x) keeps a document's updates in; its database is ours. */
const UPDATES_STORE = 'updates'

/**
 * Empties the copy of a document this browser keeps in IndexedDB, so the next open takes the
 * server's state alone. Clears the store rather than deleting the database: a deletion waits
 * for every other tab with the document open to close it, and the reopened page would wait
 * behind it, showing nothing. Close this tab's own IndexeddbPersistence first.
 */
export function clearLocalCopy(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(`${LOCAL_DB_PREFIX}${name}`)
    // No copy yet: creating an empty database here would leave one y-indexeddb never sets up.
    request.onupgradeneeded = () => request.transaction?.abort()
    request.onerror = () => (request.error?.name === 'AbortError' ? resolve() : reject(request.error))
    request.onsuccess = () => {
      const db = request.result
      if (!db.objectStoreNames.contains(UPDATES_STORE)) {
        db.close()
        resolve()
        return
      }
      const transaction = db.transaction(UPDATES_STORE, 'readwrite')
      transaction.objectStore(UPDATES_STORE).clear()
      transaction.oncomplete = () => {
        db.close()
        resolve()
      }
      transaction.onabort = () => {
        db.close()
        reject(transaction.error ?? new Error('Clearing the local copy was aborted'))
      }
    }
  })
}

import { LOCAL_DB_PREFIX, LOCAL_STORAGE_PREFIXES } from '../collab/storage-keys.ts'

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name)
    // "blocked": another tab still has it open; the deletion completes once that tab closes it.
    request.onsuccess = request.onerror = request.onblocked = () => resolve()
  })
}

/** Deletes every copy of documents and every setting this app keeps on this device. */
export async function clearDeviceData(): Promise<void> {
  try {
    const keys: string[] = []
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)
      if (key && LOCAL_STORAGE_PREFIXES.some((prefix) => key.startsWith(prefix))) keys.push(key)
    }
    for (const key of keys) localStorage.removeItem(key)
  } catch (error) {
    console.warn('Could not clear this device’s saved settings', error)
  }
  try {
    const databases = (await indexedDB.databases?.()) ?? []
    const ours = databases.flatMap((db) => (db.name?.startsWith(LOCAL_DB_PREFIX) ? [db.name] : []))
    await Promise.all(ours.map(deleteDatabase))
  } catch (error) {
    console.warn('Could not delete the notes kept on this device', error)
  }
}

import { fromBase64, toBase64 } from 'lib0/buffer'
import * as Y from 'yjs'
import type { CollabSession } from './session.ts'
import { RESCUE_KEY_PREFIX } from './storage-keys.ts'

/**
 * IndexedDB writes are asynchronous, and a reload or closed tab aborts the ones still in
 * flight: the last words typed offline were lost that way. When the page is hidden with edits
 * the server has not confirmed, the whole document also goes into localStorage, which is
 * written synchronously; the next open of that document merges it back (Yjs merges are
 * idempotent, so a copy that did reach IndexedDB or the server does no harm).
 */

/** Marks merged rescue copies, so nothing mistakes them for the server's data. */
const RESCUE_ORIGIN = Symbol('unload-rescue')

const keyPrefix = (name: string) => `${RESCUE_KEY_PREFIX}${name}:`

/** Merges every rescued copy of this document into `doc` and forgets them. */
export function restoreRescued(name: string, doc: Y.Doc): void {
  try {
    const keys: string[] = []
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)
      if (key?.startsWith(keyPrefix(name))) keys.push(key)
    }
    for (const key of keys) {
      const stored = localStorage.getItem(key)
      if (stored) Y.applyUpdate(doc, fromBase64(stored), RESCUE_ORIGIN)
      localStorage.removeItem(key)
    }
  } catch (error) {
    console.warn('Could not restore notes kept from the last visit', error)
  }
}

/** Everything this device has was acknowledged by the server on the current connection. */
export function confirmedByServer({ provider, socket }: Pick<CollabSession, 'provider' | 'socket'>): boolean {
  return socket.status === 'connected' && provider.isSynced && provider.unsyncedChanges === 0
}

// One key per tab, so two offline tabs on one meeting cannot overwrite each other's copy.
const tabKey = ({ name, doc }: Pick<CollabSession, 'name' | 'doc'>) => `${keyPrefix(name)}${doc.clientID}`

/** Keeps a synchronous copy whenever the page may go away with unconfirmed edits. */
export function rescueOnHide(session: CollabSession): () => void {
  const key = tabKey(session)
  const save = () => {
    if (confirmedByServer(session)) return
    try {
      localStorage.setItem(key, toBase64(Y.encodeStateAsUpdate(session.doc)))
    } catch (error) {
      console.warn('Could not keep a copy of unsaved notes', error)
    }
  }
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') save()
  }
  window.addEventListener('pagehide', save)
  document.addEventListener('visibilitychange', onVisibility)
  return () => {
    window.removeEventListener('pagehide', save)
    document.removeEventListener('visibilitychange', onVisibility)
  }
}

/** Forgets the copy this tab kept (stop `rescueOnHide` first, or the next hide writes it again). */
export function forgetRescued(session: Pick<CollabSession, 'name' | 'doc'>): void {
  try {
    localStorage.removeItem(tabKey(session))
  } catch (error) {
    console.warn('Could not forget the notes kept from this tab', error)
  }
}

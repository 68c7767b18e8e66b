import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'
import { collabUrl } from './collab-url.ts'
import { rescueOnHide, restoreRescued } from './unload-rescue.ts'

/** One shared document: its Y.Doc, the server connection and the copy kept on this device. */
export interface CollabSession {
  readonly name: string
  readonly doc: Y.Doc
  readonly provider: HocuspocusProvider
  readonly socket: HocuspocusProviderWebsocket
  readonly local: IndexeddbPersistence
}

interface Entry {
  session: CollabSession
  stopRescue: () => void
  refs: number
  destroyTimer: ReturnType<typeof setTimeout> | null
}

/**
 * Sessions live here, outside React, so StrictMode's mount–unmount–mount and several components
 * on one document share a single provider instead of opening duplicate sockets.
 */
const entries = new Map<string, Entry>()

/** Long enough to survive StrictMode and quick back/forward, short enough to free the socket. */
const RELEASE_GRACE_MS = 1_500

function open(name: string): CollabSession {
  const doc = new Y.Doc()
  restoreRescued(name, doc)
  // Opened before the provider so edits made offline are on the device from the first moment.
  const local = new IndexeddbPersistence(`confer:${name}`, doc)
  const socket = new HocuspocusProviderWebsocket({
    url: collabUrl(),
    // School Wi-Fi drops often: keep retrying every few seconds, not backing off to 30 s.
    delay: 1_000,
    maxDelay: 4_000,
  })
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc })
  // A provider given its own socket does not attach itself.
  provider.attach()
  return { name, doc, provider, socket, local }
}

function close(session: CollabSession): void {
  session.provider.destroy()
  session.socket.destroy()
  void session.local.destroy()
  session.doc.destroy()
}

export function acquireSession(name: string): CollabSession {
  let entry = entries.get(name)
  if (!entry) {
    const session = open(name)
    entry = { session, stopRescue: rescueOnHide(session), refs: 0, destroyTimer: null }
    entries.set(name, entry)
  }
  if (entry.destroyTimer !== null) {
    clearTimeout(entry.destroyTimer)
    entry.destroyTimer = null
  }
  entry.refs += 1
  return entry.session
}

export function releaseSession(session: CollabSession): void {
  const entry = entries.get(session.name)
  if (!entry || entry.session !== session) return
  entry.refs -= 1
  if (entry.refs > 0) return
  entry.destroyTimer = setTimeout(() => {
    entries.delete(session.name)
    entry.stopRescue()
    close(session)
  }, RELEASE_GRACE_MS)
}

import { DenyReason } from '@confer/model'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'
import { collabUrl } from './collab-url.ts'
import { followCredentialExpiry } from './credential-expiry.ts'
import { followBrowserOnline } from './follow-browser-online.ts'
import { clearLocalCopy } from './local-copy.ts'
import { registerOpenDocument } from './open-documents.ts'
import { LOCAL_DB_PREFIX } from './storage-keys.ts'
import { confirmedByServer, forgetRescued, rescueOnHide, restoreRescued } from './unload-rescue.ts'
import { followUpdateRefusal, type UpdateRefusal } from './update-refusal.ts'

/** How the server answered this connection's credentials for the document. */
export type DocumentAccess =
  | { state: 'pending' }
  | { state: 'granted'; readOnly: boolean }
  /** Refused (or access withdrawn while open); `reason` is a DenyReason. */
  | { state: 'refused'; reason: string }

/** One shared document: its Y.Doc, the server connection and the copy kept on this device. */
export interface CollabSession {
  readonly name: string
  readonly doc: Y.Doc
  readonly provider: HocuspocusProvider
  readonly socket: HocuspocusProviderWebsocket
  readonly local: IndexeddbPersistence
  /** The latest answer to authentication; components subscribe to the provider for changes. */
  access(): DocumentAccess
  /** Whether the server refused a change of this tab's (then the socket stays closed). */
  readonly refusal: UpdateRefusal
}

interface Entry {
  session: CollabSession
  stopTracking: () => void
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
  const local = new IndexeddbPersistence(`${LOCAL_DB_PREFIX}${name}`, doc)
  const socket = new HocuspocusProviderWebsocket({
    url: collabUrl(),
    // School Wi-Fi drops often: keep retrying every few seconds, not backing off to 30 s.
    delay: 1_000,
    maxDelay: 4_000,
  })
  followCredentialExpiry(socket)
  // No token: the browser's session cookie goes along with the WebSocket handshake.
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc })
  const refusal = followUpdateRefusal(socket, provider, doc)
  let access: DocumentAccess = { state: 'pending' }
  provider.on('authenticated', ({ scope }: { scope: string }) => {
    access = { state: 'granted', readOnly: scope === 'readonly' }
  })
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
    access = { state: 'refused', reason }
  })
  // A provider given its own socket does not attach itself.
  provider.attach()
  return { name, doc, provider, socket, local, access: () => access, refusal }
}

async function close(session: CollabSession): Promise<void> {
  session.provider.destroy()
  session.socket.destroy()
  await session.local.destroy()
  session.doc.destroy()
}

/**
 * Whether this device holds edits the server has not confirmed. Copies restored from the
 * device count too (they may have been typed offline before a reload); a read-only
 * connection's cannot be saved anyway, so they never count.
 */
function trackUnconfirmedEdits(session: CollabSession): () => boolean {
  let edited = false
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin !== session.provider) edited = true
  }
  session.doc.on('update', onUpdate)
  return () => {
    const access = session.access()
    if (access.state === 'granted' && access.readOnly) return false
    return edited && !confirmedByServer(session)
  }
}

function forget(entry: Entry): Promise<void> {
  if (entry.destroyTimer !== null) clearTimeout(entry.destroyTimer)
  entries.delete(entry.session.name)
  entry.stopTracking()
  return close(entry.session)
}

function track(session: CollabSession): Entry {
  const stopRescue = rescueOnHide(session)
  const stopOnline = followBrowserOnline(session.socket, session.refusal)
  const hasUnconfirmedEdits = trackUnconfirmedEdits(session)
  const entry: Entry = { session, stopTracking: () => {}, refs: 0, destroyTimer: null }
  const unregister = registerOpenDocument({ hasUnconfirmedEdits, close: () => forget(entry) })
  entry.stopTracking = () => {
    stopRescue()
    stopOnline()
    unregister()
  }
  return entry
}

export function acquireSession(name: string): CollabSession {
  let entry = entries.get(name)
  // Refused for want of a session (expired, logged out) and no longer shown: after logging in
  // again the provider would not ask again, so a fresh one does; edits come back from the device.
  if (entry && entry.refs === 0 && signedOutRefusal(entry.session.access())) {
    void forget(entry)
    entry = undefined
  }
  if (!entry) {
    entry = track(open(name))
    entries.set(name, entry)
  }
  if (entry.destroyTimer !== null) {
    clearTimeout(entry.destroyTimer)
    entry.destroyTimer = null
  }
  entry.refs += 1
  return entry.session
}

function signedOutRefusal(access: DocumentAccess): boolean {
  return access.state === 'refused' && access.reason === DenyReason.unauthenticated
}

export function releaseSession(session: CollabSession): void {
  const entry = entries.get(session.name)
  if (!entry || entry.session !== session) return
  entry.refs -= 1
  if (entry.refs > 0) return
  entry.destroyTimer = setTimeout(() => void forget(entry), RELEASE_GRACE_MS)
}

/**
 * Drops this tab's copy of a document whose change the server refused, then reloads the page,
 * which opens the document again from the server: the refused change (and whatever else this
 * browser had not saved of that document) is gone, and editing saves again. The page offers to
 * copy the text first. The document stays as it is until the reload, so nothing on screen breaks.
 */
export async function reloadFromServer(session: CollabSession): Promise<void> {
  const entry = entries.get(session.name)
  // Hiding the page as it reloads would otherwise keep the refused change for the next open.
  if (entry?.session === session) entry.stopTracking()
  session.provider.destroy()
  session.socket.destroy()
  await session.local.destroy()
  forgetRescued(session)
  await clearLocalCopy(session.name)
  window.location.reload()
}

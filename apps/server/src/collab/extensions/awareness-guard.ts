import type { beforeHandleAwarenessPayload, Connection, Document, Extension } from '@hocuspocus/server'
import { sanitizeAwarenessState } from '../awareness-state.ts'
import type { CollabContext } from '../context.ts'

const MAX_IDS_PER_CONNECTION = 4

function idsHeldBy(owners: Map<number, Connection>, connection: Connection): number {
  let count = 0
  for (const owner of owners.values()) if (owner === connection) count += 1
  return count
}

/**
 * Awareness (carets, presence) from any client is rewritten before anyone sees it: a
 * connection may only speak for awareness client ids no other live connection holds (a few at
 * most: a tab and its reconnects), and only with the fields in awareness-state.ts, under its
 * authenticated name.
 */
export class AwarenessGuard implements Extension {
  readonly extensionName = 'confer-awareness-guard'

  /** Per document: which connection owns which awareness client id. */
  readonly #owners = new WeakMap<Document, Map<number, Connection>>()

  async beforeHandleAwareness({ document, connection, states }: beforeHandleAwarenessPayload): Promise<void> {
    if (!connection) return
    const context = connection.context as CollabContext
    if (!context.userId || !context.userName) {
      states.clear()
      return
    }
    let owners = this.#owners.get(document)
    if (!owners) {
      owners = new Map()
      this.#owners.set(document, owners)
    }
    // Counted only when this message claims a new id: a renewal of ids already held (every
    // client, every 15 s) must not walk every client of the document.
    let owned: number | null = null
    const identity = {
      userId: context.userId,
      userName: context.userName,
      readOnly: context.readOnly === true,
    }
    for (const [clientId, state] of [...states]) {
      const owner = owners.get(clientId)
      // An id still held by another live connection is someone else's: never speak for it.
      const heldByOther = owner !== undefined && owner !== connection && document.hasConnection(owner)
      const claiming = owner !== connection
      if (claiming && owned === null) owned = idsHeldBy(owners, connection)
      if (heldByOther || (claiming && (owned ?? 0) >= MAX_IDS_PER_CONNECTION)) {
        states.delete(clientId)
        continue
      }
      if (claiming) {
        owners.set(clientId, connection)
        owned = (owned ?? 0) + 1
      }
      states.set(clientId, sanitizeAwarenessState(state as Record<string, unknown>, identity))
    }
  }

  async onDisconnect({ document, socketId }: { document: Document; socketId: string }): Promise<void> {
    const owners = this.#owners.get(document)
    if (!owners) return
    for (const [clientId, connection] of owners) {
      if (connection.socketId === socketId) owners.delete(clientId)
    }
  }
}

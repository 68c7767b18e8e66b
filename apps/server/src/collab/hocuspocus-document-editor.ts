import type { Hocuspocus, RedisTransactionOrigin } from '@hocuspocus/server'
import * as Y from 'yjs'
import type { DocumentEditor, EditorOptions } from '../services/document-editor.ts'
import type { StoredDocument } from '../stores/document-store.ts'

/**
 * What catching up from the store is to the rest of the server: a change another process made
 * (as if it came through Redis), so it is not published to the others again, who have it.
 */
const FROM_ANOTHER_PROCESS: RedisTransactionOrigin = { source: 'redis' }

/**
 * DocumentEditor over Hocuspocus direct connections (loads, changes, stores, unloads if idle).
 * An edit resolves once its change is committed to the update log, so a request that changed a
 * document answers only after the change is durable, as a client's edit is acknowledged.
 */
export class HocuspocusDocumentEditor implements DocumentEditor {
  readonly #hocuspocus: () => Hocuspocus
  readonly #committed: () => Promise<void>
  readonly #load: ((documentName: string) => Promise<StoredDocument>) | null

  /**
   * `load` reads a document's committed state from the store (`latest`); null on a lone
   * process, whose live documents hold everything committed.
   */
  constructor(
    hocuspocus: () => Hocuspocus,
    committed: () => Promise<void>,
    load: ((documentName: string) => Promise<StoredDocument>) | null = null,
  ) {
    this.#hocuspocus = hocuspocus
    this.#committed = committed
    this.#load = load
  }

  async edit(documentName: string, change: (doc: Y.Doc) => void, options: EditorOptions = {}): Promise<void> {
    // The context is the change's transaction origin: version history reads its userId (V3).
    const context = options.by === undefined ? { server: true } : { server: true, userId: options.by }
    const connection = await this.#hocuspocus().openDirectConnection(documentName, context)
    try {
      if (options.latest) await this.#catchUp(connection.document, documentName)
      await connection.transact(change)
      await this.#committed()
    } finally {
      await connection.disconnect()
    }
  }

  async read<T>(documentName: string, read: (doc: Y.Doc) => T, options: EditorOptions = {}): Promise<T> {
    const connection = await this.#hocuspocus().openDirectConnection(documentName, { server: true })
    try {
      if (!connection.document) throw new Error(`could not open ${documentName}`)
      if (options.latest) await this.#catchUp(connection.document, documentName)
      return read(connection.document)
    } finally {
      await connection.disconnect()
    }
  }

  /**
   * Applies the stored state to the live document: Yjs skips what it already holds, so only
   * what other processes committed and Redis has not delivered yet is new. Local clients get
   * it like any other change. A document loaded just now read the store already; one more read
   * costs a query, and it cannot tell whether a load it joined began before the latest commit.
   */
  async #catchUp(document: Y.Doc | null, documentName: string): Promise<void> {
    if (!document) throw new Error(`could not open ${documentName}`)
    if (!this.#load) return
    const stored = await this.#load(documentName)
    if (stored.updates.length > 0)
      Y.applyUpdate(document, Y.mergeUpdates(stored.updates), FROM_ANOTHER_PROCESS)
  }
}

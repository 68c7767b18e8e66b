import {
  type afterLoadDocumentPayload,
  type Extension,
  isTransactionOrigin,
  type onLoadDocumentPayload,
  type onStoreDocumentPayload,
} from '@hocuspocus/server'
import * as Y from 'yjs'

/** WebSocket close code 1011: the server hit a condition it could not handle. */
const INTERNAL_ERROR = 1011

function refuseAcknowledgement(origin: unknown): void {
  const connection = isTransactionOrigin(origin) && origin.source === 'connection' ? origin.connection : null
  connection?.webSocket.close(INTERNAL_ERROR, 'storage unavailable')
}

import type { DocumentStore } from '../../stores/document-store.ts'

export interface PersistenceLogger {
  error(details: object, message: string): void
}

/**
 * Write-ahead persistence: every change to a loaded document is appended to the store's update
 * log from the document's `update` event. That event fires synchronously inside the transaction
 * that applies a client's message, and Hocuspocus sends the client its acknowledgement only
 * after that call returns, so nothing is acknowledged before it is committed.
 *
 * y-protocols swallows errors thrown from update handlers and Hocuspocus would then acknowledge
 * anyway, so a failed append closes the sender's socket at once: the acknowledgement that
 * follows finds the socket closing and is never sent, and the provider keeps the change as
 * unsynced and sends it again when it reconnects.
 * Hocuspocus' debounced store hook only compacts (snapshot + drop merged log rows).
 */
export class DurablePersistence implements Extension {
  readonly extensionName = 'confer-durable-persistence'
  // Must be listening before other extensions (e.g. seeding) change a freshly loaded document.
  readonly priority = 900

  readonly #store: DocumentStore
  readonly #logger: PersistenceLogger
  /** Newest log sequence number reflected in each loaded document's in-memory state. */
  readonly #lastSeq = new Map<string, number>()
  /** The sequence number the last snapshot covers, so an unchanged document is not rewritten. */
  readonly #compactedSeq = new Map<string, number>()

  constructor(store: DocumentStore, logger: PersistenceLogger) {
    this.#store = store
    this.#logger = logger
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const stored = await this.#store.load(documentName)
    if (stored.updates.length > 0) {
      Y.applyUpdate(document, Y.mergeUpdates(stored.updates), this)
    }
    this.#lastSeq.set(documentName, stored.lastSeq)
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    document.on('update', (update: Uint8Array, origin: unknown) => {
      try {
        this.#lastSeq.set(documentName, this.#store.append(documentName, update))
      } catch (error) {
        this.#logger.error({ err: error, documentName }, 'could not log a document update')
        refuseAcknowledgement(origin)
      }
    })
  }

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    const throughSeq = this.#lastSeq.get(documentName)
    if (throughSeq === undefined || throughSeq === 0) return
    if (this.#compactedSeq.get(documentName) === throughSeq) return
    try {
      // The state and throughSeq are read in the same turn, so the snapshot holds exactly
      // the log rows it replaces; rows appended later survive the delete.
      await this.#store.compact(documentName, Y.encodeStateAsUpdate(document), throughSeq)
      this.#compactedSeq.set(documentName, throughSeq)
    } catch (error) {
      // Nothing is lost: the log still holds every update. Compaction is retried next time.
      this.#logger.error({ err: error, documentName }, 'document compaction failed')
    }
  }

  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    this.#lastSeq.delete(documentName)
    this.#compactedSeq.delete(documentName)
  }
}

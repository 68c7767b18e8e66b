import type {
  afterLoadDocumentPayload,
  Extension,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server'
import * as Y from 'yjs'
import type { DocumentStore } from '../../stores/document-store.ts'
import type { UpdateLog } from '../update-log.ts'

export interface PersistenceLogger {
  error(details: object, message: string): void
}

/**
 * Write-ahead persistence: a document is loaded from its snapshot and logged updates, and every
 * change to a loaded document goes to the update log from the document's `update` event, which
 * fires inside the transaction that applies a client's message. The log commits once per
 * event-loop turn and holds acknowledgements until then (see UpdateLog), so nothing is
 * acknowledged before it is committed.
 * Hocuspocus' debounced store hook only compacts (snapshot + drop merged log rows).
 */
export class DurablePersistence implements Extension {
  readonly extensionName = 'confer-durable-persistence'
  // Must be listening before other extensions (e.g. seeding) change a freshly loaded document.
  readonly priority = 900

  readonly #store: DocumentStore
  readonly #log: UpdateLog
  readonly #logger: PersistenceLogger
  /** The sequence number the last snapshot covers, so an unchanged document is not rewritten. */
  readonly #compactedSeq = new Map<string, number>()

  constructor(store: DocumentStore, log: UpdateLog, logger: PersistenceLogger) {
    this.#store = store
    this.#log = log
    this.#logger = logger
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const stored = await this.#store.load(documentName)
    if (stored.updates.length > 0) {
      Y.applyUpdate(document, Y.mergeUpdates(stored.updates), this)
    }
    this.#log.loaded(documentName, stored.lastSeq)
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    // Hocuspocus' own 'update' listener (registered first) schedules its broadcast; Yjs emits
    // 'beforeObserverCalls' earlier in the same transaction, so the commit is scheduled first.
    document.on('beforeObserverCalls', () => this.#log.reserveCommit())
    document.on('update', (update: Uint8Array, origin: unknown) => {
      this.#log.add(documentName, update, origin, document)
    })
  }

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    // Commit what this turn received first, so the snapshot replaces as much of the log as it can.
    this.#log.commit()
    const throughSeq = this.#log.committedSeq(documentName)
    if (throughSeq === 0) return
    if (this.#compactedSeq.get(documentName) === throughSeq) return
    try {
      // The state and throughSeq are read in the same turn, so the snapshot holds at least
      // the log rows it replaces; rows appended later survive the delete.
      await this.#store.compact(documentName, Y.encodeStateAsUpdate(document), throughSeq)
      this.#compactedSeq.set(documentName, throughSeq)
    } catch (error) {
      // Nothing is lost: the log still holds every update. Compaction is retried next time.
      this.#logger.error({ err: error, documentName }, 'document compaction failed')
    }
  }

  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    this.#log.forget(documentName)
    this.#compactedSeq.delete(documentName)
  }
}

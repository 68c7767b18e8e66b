import { CloseCode } from '@confer/model'
import {
  type afterLoadDocumentPayload,
  type beforeUnloadDocumentPayload,
  Document,
  type Extension,
  type Hocuspocus,
  type onConfigurePayload,
  type onLoadDocumentPayload,
  type onStoreDocumentPayload,
  SkipFurtherHooksError,
} from '@hocuspocus/server'
import * as Y from 'yjs'
import type { DocumentStore } from '../../stores/document-store.ts'
import { discardDocument, isDiscarded } from '../discard-document.ts'
import { STORAGE_UNAVAILABLE, type UpdateLog } from '../update-log.ts'

export interface PersistenceLogger {
  error(details: object, message: string): void
}

/**
 * Write-ahead persistence: a document is loaded from its snapshot and logged updates, and every
 * change to a loaded document goes to the update log from the document's `update` event, which
 * fires inside the transaction that applies a client's message. The log commits once per
 * event-loop turn (on PostgreSQL, as soon as the commit before ends) and holds
 * acknowledgements until then (see UpdateLog), so nothing is acknowledged before it is committed.
 * Hocuspocus' debounced store hook only compacts (snapshot + drop merged log rows).
 *
 * A loaded document whose memory may differ from the store is discarded (discard-document.ts)
 * and loaded again by the next connection: when applying a client's update threw (SPEC H2,
 * 4422 to its sockets; the patched Hocuspocus emits `applyError` and acknowledges nothing), and
 * when a commit of its updates failed (SPEC H3, 1011). A discarded document is never stored
 * (no snapshot, and no later store hook sees it) and never unloaded by Hocuspocus again.
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

  #hocuspocus: Hocuspocus | null = null

  constructor(store: DocumentStore, log: UpdateLog, logger: PersistenceLogger) {
    this.#store = store
    this.#log = log
    this.#logger = logger
    log.onCommitFailure((documents) => {
      for (const document of documents) {
        if (document instanceof Document)
          this.#discard(document, { code: CloseCode.storageUnavailable, reason: STORAGE_UNAVAILABLE })
      }
    })
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.#hocuspocus = instance
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    // A commit in flight may hold updates of this document's discarded predecessor: loaded
    // after it, the document holds whatever this process has committed.
    await this.#log.settled()
    const stored = await this.#store.load(documentName)
    if (stored.updates.length > 0) {
      Y.applyUpdate(document, Y.mergeUpdates(stored.updates), this)
    }
    this.#log.loaded(document, stored.lastSeq)
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    // Hocuspocus' own 'update' listener (registered first) schedules its broadcast; Yjs emits
    // 'beforeObserverCalls' earlier in the same transaction, so the commit is scheduled first.
    document.on('beforeObserverCalls', () => this.#log.reserveCommit())
    document.on('update', (update: Uint8Array, origin: unknown) => {
      this.#log.add(documentName, update, origin, document)
    })
    // Not one of Yjs' own events: the patched Hocuspocus emits it (patches/README.md).
    ;(document as unknown as ApplyErrorEvents).on('applyError', (error: unknown) => {
      this.#logger.error({ err: error, documentName }, 'applying an update failed: document discarded')
      this.#discard(document, { code: CloseCode.updateRejected, reason: 'update could not be applied' })
    })
  }

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    if (isDiscarded(document)) throw skipDiscarded()
    // Commit what it received first, so the snapshot replaces as much of the log as it can.
    await this.#log.commit()
    // That commit may have failed and discarded it: its state then holds what the log does not.
    if (isDiscarded(document)) throw skipDiscarded()
    const throughSeq = this.#log.committedSeq(document)
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

  /** Hocuspocus unloads by name: a discarded document's unload would remove the one loaded since. */
  async beforeUnloadDocument({ document }: beforeUnloadDocumentPayload): Promise<void> {
    if (isDiscarded(document)) throw skipDiscarded()
  }

  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    this.#compactedSeq.delete(documentName)
  }

  #discard(document: Document, close: { code: number; reason: string }): void {
    if (!this.#hocuspocus) throw new Error('durable persistence is not configured')
    discardDocument(this.#hocuspocus, document, close)
  }
}

interface ApplyErrorEvents {
  on(name: 'applyError', listener: (error: unknown, origin: unknown) => void): void
}

/** Stops the hooks after this one; no message, so Hocuspocus logs nothing for it. */
function skipDiscarded(): SkipFurtherHooksError {
  return new SkipFurtherHooksError('')
}

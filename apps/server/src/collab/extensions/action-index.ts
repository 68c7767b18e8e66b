import { actionsMap, parseDocumentName, readActionCopies } from '@confer/model'
import {
  type afterLoadDocumentPayload,
  type afterUnloadDocumentPayload,
  type Extension,
  isTransactionOrigin,
  type onStoreDocumentPayload,
} from '@hocuspocus/server'
import type * as Y from 'yjs'
import type { ActionService } from '../../services/action-service.ts'
import type { PersistenceLogger } from './durable-persistence.ts'

/** A change to a meeting's items is handled this long after the last one of a burst… */
const QUIET_MS = 300
/** …and no later than this after the first, however long the burst (SPEC T4: within a second). */
const LONGEST_WAIT_MS = 700

interface Watched {
  doc: Y.Doc
  meetingId: string
  stop: () => void
  timer: NodeJS.Timeout | null
  firstAt: number
}

/**
 * Notices changes to meeting documents' action items and hands them to ActionService (merged
 * into the item's other copies, carried forward, indexed: SPEC T1–T4), shortly after each burst
 * of changes rather than at the document store's long debounce. A change that came through
 * Redis was noticed by the process its writer is on. When a document is stored or unloaded a
 * waiting change is handed over at once, and a document just loaded is checked once (a process
 * may have stopped between a change and its handling).
 */
export class ActionIndex implements Extension {
  readonly extensionName = 'confer-action-index'
  // After durable persistence has compacted (higher priorities run first).
  readonly priority = 50

  readonly #actions: ActionService
  readonly #logger: PersistenceLogger
  readonly #watched = new Map<string, Watched>()

  constructor(actions: ActionService, logger: PersistenceLogger) {
    this.#actions = actions
    this.#logger = logger
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const name = parseDocumentName(documentName)
    if (name?.kind !== 'meeting') return
    this.#forget(documentName)
    const observer = (_events: unknown, transaction: Y.Transaction) => {
      if (isTransactionOrigin(transaction.origin) && transaction.origin.source === 'redis') return
      this.#schedule(documentName)
    }
    const map = actionsMap(document)
    map.observeDeep(observer)
    this.#watched.set(documentName, {
      doc: document,
      meetingId: name.meetingId,
      stop: () => map.unobserveDeep(observer),
      timer: null,
      firstAt: 0,
    })
    this.#schedule(documentName)
  }

  async onStoreDocument({ documentName }: onStoreDocumentPayload): Promise<void> {
    // Not awaited: the handling may write to this very document, whose store waits for us.
    this.#flush(documentName)
  }

  async afterUnloadDocument({ documentName, instance }: afterUnloadDocumentPayload): Promise<void> {
    const watched = this.#watched.get(documentName)
    // A new copy may have been loaded already: that one stays watched.
    if (watched && instance.documents.get(documentName) !== watched.doc) this.#forget(documentName)
  }

  #schedule(documentName: string): void {
    const watched = this.#watched.get(documentName)
    if (!watched) return
    const now = Date.now()
    if (watched.timer === null) watched.firstAt = now
    else clearTimeout(watched.timer)
    const delay = Math.min(QUIET_MS, Math.max(0, watched.firstAt + LONGEST_WAIT_MS - now))
    watched.timer = setTimeout(() => this.#flush(documentName), delay)
  }

  #flush(documentName: string): void {
    const watched = this.#watched.get(documentName)
    if (!watched || watched.timer === null) return
    clearTimeout(watched.timer)
    watched.timer = null
    // The document object stays readable after it is unloaded: what it held is what was stored.
    const { doc, meetingId } = watched
    this.#actions
      .synchronize(meetingId, () => readActionCopies(doc))
      .catch((error: unknown) => {
        // The next change (or load) of this meeting tries again; the document itself is safe.
        this.#logger.error({ err: error, documentName }, 'action items could not be synchronized')
      })
  }

  /** Hands over what waits, and stops watching this document object. */
  #forget(documentName: string): void {
    this.#flush(documentName)
    this.#watched.get(documentName)?.stop()
    this.#watched.delete(documentName)
  }
}

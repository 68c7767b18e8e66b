import { parseDocumentName, searchEntriesOf } from '@confer/model'
import type {
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  Document,
  Extension,
  onStoreDocumentPayload,
} from '@hocuspocus/server'
import type { SearchService } from '../../services/search/search-service.ts'
import { isDiscarded } from '../discard-document.ts'
import type { PersistenceLogger } from './durable-persistence.ts'

/** A document just loaded is checked against the index this long after, off its load path. */
const LOAD_CHECK_DELAY_MS = 1_000

/**
 * Keeps the search index current with the documents (SPEC Q1): when Hocuspocus stores a
 * document (its debounced store, after durable persistence has compacted), the document's
 * entries are read in that turn and handed to SearchService, which writes them in the
 * background. Nothing here is awaited by the store, and no failure reaches it: the update log
 * has committed every edit long before, and indexing never touches it. A document loaded is
 * checked once, shortly after (a process may have stopped between a store and its index write);
 * an unchanged one costs a fingerprint comparison.
 */
export class SearchIndex implements Extension {
  readonly extensionName = 'confer-search-index'
  // After durable persistence (900) has compacted, and skipped with it for a discarded document.
  readonly priority = 40

  readonly #search: SearchService
  readonly #logger: PersistenceLogger
  readonly #loadChecks = new Map<string, { doc: Document; timer: NodeJS.Timeout }>()

  constructor(search: SearchService, logger: PersistenceLogger) {
    this.#search = search
    this.#logger = logger
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    if (!indexed(documentName)) return
    this.#cancelLoadCheck(documentName)
    const timer = setTimeout(() => {
      this.#loadChecks.delete(documentName)
      this.#index(documentName, document)
    }, LOAD_CHECK_DELAY_MS)
    timer.unref()
    this.#loadChecks.set(documentName, { doc: document, timer })
  }

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    if (!indexed(documentName)) return
    // This store covers what the load check would have read.
    this.#cancelLoadCheck(documentName)
    this.#index(documentName, document)
  }

  async afterUnloadDocument({ documentName, instance }: afterUnloadDocumentPayload): Promise<void> {
    const check = this.#loadChecks.get(documentName)
    // A new copy may have been loaded already: its check stays.
    if (check && instance.documents.get(documentName) !== check.doc) this.#cancelLoadCheck(documentName)
  }

  #index(documentName: string, document: Document): void {
    // A discarded document may hold what the log does not: the next load is indexed instead.
    if (isDiscarded(document)) return
    try {
      const name = parseDocumentName(documentName)
      const entries = name ? searchEntriesOf(name, document) : null
      // Not awaited: SearchService writes in the background and reports its own failures.
      if (entries) void this.#search.indexDocument(documentName, entries)
    } catch (error) {
      this.#logger.error({ err: error, documentName }, 'document could not be read for search')
    }
  }

  #cancelLoadCheck(documentName: string): void {
    const check = this.#loadChecks.get(documentName)
    if (check) clearTimeout(check.timer)
    this.#loadChecks.delete(documentName)
  }
}

/** Meetings, charters and plans hold words to find; run documents do not. */
function indexed(documentName: string): boolean {
  const name = parseDocumentName(documentName)
  return name !== null && name.kind !== 'meetingRun'
}

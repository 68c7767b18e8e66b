import { parseDocumentName, readActions } from '@confer/model'
import type { Extension, onStoreDocumentPayload } from '@hocuspocus/server'
import type { MeetingService } from '../../services/meeting-service.ts'
import type { PersistenceLogger } from './durable-persistence.ts'

/**
 * Keeps the SQL index of action items in step with meeting documents: every time a meeting
 * document is stored (debounced after edits, and when its last client leaves), its action
 * items are extracted again. The document stays the truth; the index only serves lists.
 */
export class ActionIndex implements Extension {
  readonly extensionName = 'confer-action-index'
  // After durable persistence has compacted (higher priorities run first).
  readonly priority = 50

  readonly #meetings: MeetingService
  readonly #logger: PersistenceLogger

  constructor(meetings: MeetingService, logger: PersistenceLogger) {
    this.#meetings = meetings
    this.#logger = logger
  }

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    const name = parseDocumentName(documentName)
    if (name?.kind !== 'meeting') return
    try {
      await this.#meetings.indexActions(name.meetingId, readActions(document))
    } catch (error) {
      // The index is rebuilt on the next store; the document itself is safe.
      this.#logger.error({ err: error, documentName }, 'action index update failed')
    }
  }
}

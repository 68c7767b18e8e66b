import { parseDocumentName } from '@confer/model'
import type {
  beforeUnloadDocumentPayload,
  Extension,
  onChangePayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server'
import * as Y from 'yjs'
import type { VersionService } from '../../services/version-service.ts'
import type { CollabContext } from '../context.ts'
import type { PersistenceLogger } from './durable-persistence.ts'

interface Pending {
  editors: Set<string>
  lastVersionAt: number
}

/**
 * Takes versions of meeting notes and charters: at the end of a burst of editing (Hocuspocus'
 * debounced store) at most once per `intervalMs`, and whenever everyone has left the document
 * (the meeting is over), recording who edited since the previous version.
 */
export class VersionHistory implements Extension {
  readonly extensionName = 'confer-version-history'
  readonly priority = 40

  readonly #versions: VersionService
  readonly #logger: PersistenceLogger
  readonly #intervalMs: number
  readonly #pending = new Map<string, Pending>()
  readonly #lastVersionAt = new Map<string, number>()

  constructor(versions: VersionService, logger: PersistenceLogger, intervalMs: number) {
    this.#versions = versions
    this.#logger = logger
    this.#intervalMs = intervalMs
  }

  #tracked(documentName: string): boolean {
    const kind = parseDocumentName(documentName)?.kind
    return kind === 'meeting' || kind === 'charter'
  }

  async onChange({ documentName, context }: onChangePayload): Promise<void> {
    const userId = (context as CollabContext | undefined)?.userId
    // Only tracked documents are pending, so the name is parsed once per version, not per update.
    let pending = this.#pending.get(documentName)
    if (!pending) {
      if (!this.#tracked(documentName)) return
      pending = { editors: new Set(), lastVersionAt: this.#lastVersionAt.get(documentName) ?? 0 }
      this.#pending.set(documentName, pending)
    }
    if (userId) pending.editors.add(userId)
  }

  async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
    const pending = this.#pending.get(documentName)
    if (!pending || Date.now() - pending.lastVersionAt < this.#intervalMs) return
    await this.#take(documentName, document, 'edits')
  }

  async beforeUnloadDocument({ documentName, document }: beforeUnloadDocumentPayload): Promise<void> {
    if (this.#pending.has(documentName)) await this.#take(documentName, document, 'session-ended')
    this.#lastVersionAt.delete(documentName)
  }

  async #take(documentName: string, document: Y.Doc, reason: 'edits' | 'session-ended'): Promise<void> {
    const pending = this.#pending.get(documentName)
    this.#pending.delete(documentName)
    this.#lastVersionAt.set(documentName, Date.now())
    try {
      await this.#versions.take(documentName, Y.encodeStateAsUpdate(document), reason, [
        ...(pending?.editors ?? []),
      ])
    } catch (error) {
      // A missed version loses history, never content: the document itself is stored elsewhere.
      this.#logger.error({ err: error, documentName }, 'could not take a version')
    }
  }
}

import { parseDocumentName } from '@confer/model'
import {
  type afterLoadDocumentPayload,
  type beforeUnloadDocumentPayload,
  type Extension,
  isTransactionOrigin,
  type onStoreDocumentPayload,
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
 * Takes versions of meeting notes, charters and plans: at the end of a burst of editing (Hocuspocus'
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
    // A version the service takes itself (before a restore) holds these edits: it names their
    // editors, and the next version starts afresh (SPEC V3).
    versions.collectEditorsWith((documentName) => this.#claim(documentName))
  }

  /**
   * Listens to the document's own updates rather than Hocuspocus' onChange hook, and only on
   * tracked documents: an onChange hook costs every update of every document a payload, a
   * promise chain and a parse of the request URL (bench S3).
   */
  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const kind = parseDocumentName(documentName)?.kind
    if (kind !== 'meeting' && kind !== 'charter' && kind !== 'plan') return
    document.on('update', (_update: Uint8Array, origin: unknown) => this.#edited(documentName, origin))
  }

  #edited(documentName: string, origin: unknown): void {
    let pending = this.#pending.get(documentName)
    if (!pending) {
      pending = { editors: new Set(), lastVersionAt: this.#lastVersionAt.get(documentName) ?? 0 }
      this.#pending.set(documentName, pending)
    }
    const userId = editorOf(origin)
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

  /** Who edited since the last version; from now on, edits count towards the next one. */
  #claim(documentName: string): string[] {
    const pending = this.#pending.get(documentName)
    this.#pending.delete(documentName)
    this.#lastVersionAt.set(documentName, Date.now())
    return [...(pending?.editors ?? [])]
  }

  async #take(documentName: string, document: Y.Doc, reason: 'edits' | 'session-ended'): Promise<void> {
    const editors = this.#claim(documentName)
    try {
      await this.#versions.take(documentName, Y.encodeStateAsUpdate(document), reason, editors)
    } catch (error) {
      // A missed version loses history, never content: the document itself is stored elsewhere.
      this.#logger.error({ err: error, documentName }, 'could not take a version')
    }
  }
}

/**
 * Who made a change: the user of the connection it came from, or the person a server-side edit
 * was made for (DocumentEditor's `by`). Changes from other processes (Redis) name no one here:
 * the process whose client made them records that editor in its own versions.
 */
function editorOf(origin: unknown): string | undefined {
  if (!isTransactionOrigin(origin)) return undefined
  const context =
    origin.source === 'connection'
      ? origin.connection.context
      : origin.source === 'local'
        ? origin.context
        : undefined
  return (context as CollabContext | undefined)?.userId
}

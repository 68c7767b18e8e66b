import type { DocumentVersion } from '@confer/api'
import {
  nestingOf,
  newId,
  parseDocumentName,
  RESTORABLE,
  type RestorableTypes,
  restoreTopLevel,
  trimDeepest,
} from '@confer/model'
import * as Y from 'yjs'
import type { CommunityStore } from '../stores/community-store.ts'
import type { VersionRecord, VersionStore } from '../stores/version-store.ts'
import type { DocumentAccessService } from './document-access.ts'
import type { DocumentEditor } from './document-editor.ts'
import type { DomainEvents } from './domain-events.ts'
import { notFound, ServiceError } from './service-error.ts'

/** How many versions of one document are kept, and how many bytes of them at most. */
export const VERSIONS_KEPT = 100
export const VERSION_BYTES_KEPT = 32 * 1024 * 1024
/** Bottom-up deleting transactions one restore may take (each cuts DELETE_LEVELS levels). */
const MAX_TRIM_ROUNDS = 1_000

/** Version history of meeting notes, charters and plans: snapshots to look back at and restore. */
export class VersionService {
  readonly #store: VersionStore
  readonly #access: DocumentAccessService
  readonly #communityStore: CommunityStore
  readonly #editor: DocumentEditor
  readonly #events: DomainEvents
  readonly #now: () => number
  /** Who edited a document since its last version (and forgets them): the version history's. */
  #claimEditors: (name: string) => string[] = () => []

  constructor(
    store: VersionStore,
    access: DocumentAccessService,
    communityStore: CommunityStore,
    editor: DocumentEditor,
    events: DomainEvents,
    now: () => number = Date.now,
  ) {
    this.#events = events
    this.#store = store
    this.#access = access
    this.#communityStore = communityStore
    this.#editor = editor
    this.#now = now
  }

  /** Where `restore` learns who edited since the last version (the VersionHistory extension). */
  collectEditorsWith(claim: (name: string) => string[]): void {
    this.#claimEditors = claim
  }

  async take(
    name: string,
    state: Uint8Array,
    reason: VersionRecord['reason'],
    editors: string[],
  ): Promise<void> {
    await this.#store.insert({ id: newId(), name, state, editors, reason, createdAt: this.#now() })
    await this.#store.prune(name, VERSIONS_KEPT, VERSION_BYTES_KEPT)
    this.#events.emit('versionTaken', { documentName: name })
  }

  async list(userId: string, name: string): Promise<DocumentVersion[]> {
    const access = await this.#readable(userId, name)
    const names = new Map(
      (await this.#communityStore.members(access.communityId)).map((m) => [m.userId, m.name]),
    )
    return (await this.#store.list(name)).map((v) => ({
      id: v.id,
      createdAt: new Date(v.createdAt).toISOString(),
      reason: v.reason,
      editors: v.editors.map((id) => ({ userId: id, name: names.get(id) ?? 'A former member' })),
      size: v.size,
    }))
  }

  /** The version as a Yjs update, for a read-only view in the browser. */
  async state(userId: string, name: string, versionId: string): Promise<Uint8Array> {
    await this.#readable(userId, name)
    const version = await this.#store.get(name, versionId)
    if (!version) throw notFound('That version')
    return version.state
  }

  /**
   * Brings an earlier version back as a new change that every connected client sees. The
   * current state is kept as a version first, so a restore can itself be undone.
   *
   * A version is copied whole however deep it nests, except when its notes nest deeper than
   * `maxXmlDepth`, the most the server accepts from any client (MAX_XML_DEPTH): such a version
   * could only come from before that limit, clients would be refused every edit inside it and
   * editors cannot show it, so restoring it would wedge the document again. It is refused with
   * a 422 instead, and stays readable in the history. Current content nested deeper than one
   * transaction can delete is removed from the bottom up first (SPEC H6).
   */
  async restore(userId: string, name: string, versionId: string, maxXmlDepth: number): Promise<void> {
    const access = await this.#readable(userId, name)
    if (access.readOnly)
      throw new ServiceError(403, 'forbidden', 'You can read this document but not change it.')
    const version = await this.#store.get(name, versionId)
    if (!version) throw notFound('That version')
    const kind = parseDocumentName(name)?.kind
    const types = kind === 'meeting' || kind === 'charter' || kind === 'plan' ? RESTORABLE[kind] : null
    if (!types) throw notFound('That version')
    const old = new Y.Doc()
    try {
      Y.applyUpdate(old, version.state)
      const { xmlDepth } = nestingOf(old, types)
      if (xmlDepth > maxXmlDepth) {
        throw new ServiceError(
          422,
          'invalid_request',
          `This version nests its text ${xmlDepth} levels deep, more than the ${maxXmlDepth} this server accepts, so it cannot be restored. It can still be read.`,
        )
      }
      // The state and who made it are taken in one turn, so no edit falls between them: this
      // version names everyone who edited since the last one; the restore itself is the
      // restorer's change, named on the version after it (SPEC V3).
      const current = await this.#editor.read(name, (doc) => ({
        state: Y.encodeStateAsUpdate(doc),
        editors: this.#claimEditors(name),
      }))
      await this.take(name, current.state, 'before-restore', current.editors)
      for (let round = 0; round < MAX_TRIM_ROUNDS; round++) {
        if (!(await this.#trim(name, types, userId))) break
      }
      await this.#editor.edit(name, (doc) => restoreTopLevel(doc, old, types), { by: userId })
    } finally {
      old.destroy()
    }
  }

  /** Deletes the deepest levels of the document's content, if it is deep; false when it is not. */
  async #trim(name: string, types: RestorableTypes, by: string): Promise<boolean> {
    let trimmed = false
    await this.#editor.edit(
      name,
      (doc) => {
        trimmed = trimDeepest(doc, types)
      },
      { by },
    )
    return trimmed
  }

  async #readable(userId: string, name: string) {
    const access = await this.#access.resolve(userId, name)
    // A guest reads a shared plan as it stands, never its history (SPEC G6): only meeting
    // guests' access names a meeting.
    if (!access || (access.guest && access.meetingId === null)) throw notFound('That document')
    return access
  }
}

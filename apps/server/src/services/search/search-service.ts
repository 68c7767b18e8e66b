import { createHash } from 'node:crypto'
import { SEARCH_RESULTS_DEFAULT, SEARCH_RESULTS_MAX, type SearchKind, type SearchResult } from '@confer/api'
import { parseDocumentName, type SearchEntry, searchEntriesOf } from '@confer/model'
import * as Y from 'yjs'
import type { CommunityStore } from '../../stores/community-store.ts'
import type { DocumentStore } from '../../stores/document-store.ts'
import type { MeetingStore } from '../../stores/meeting-store.ts'
import type { ResourceStore } from '../../stores/resource-store.ts'
import type {
  IndexedEntry,
  SearchHit,
  SearchScope,
  SearchSource,
  SearchStore,
} from '../../stores/search-store.ts'
import type { CommunityService } from '../community-service.ts'
import type { DomainEvents } from '../domain-events.ts'
import { unmark } from './marked-text.ts'
import { parseSearchQuery, withoutUnindexable } from './search-query.ts'
import { SourceQueue } from './source-queue.ts'

/** Longer titles and bodies are indexed up to here (a title is a line; notes of one item rarely pass 50 KB). */
const MAX_TITLE_CHARS = 2_000
const MAX_BODY_CHARS = 200_000
/** A community's resources indexed at most (a team shares tens). */
const MAX_RESOURCES = 10_000
/** Documents the backfill reads per page, and how long it rests between them (it runs beside live work). */
const BACKFILL_PAGE = 50
const BACKFILL_REST_MS = 20

export interface SearchLogger {
  error(details: object, message: string): void
}

export interface SearchDeps {
  store: SearchStore
  communities: CommunityService
  communityStore: CommunityStore
  meetingStore: MeetingStore
  /** Where the backfill reads stored documents, outside the collaboration engine. */
  documents: DocumentStore
  /** Resources' titles (and links' addresses) are indexed from here when they change. */
  resources: ResourceStore
  events: DomainEvents
}

/**
 * Full-text search over communities' archives (SPEC Q1–Q6): answers searches for members and
 * observers (and network guests, their meetings' words only), and keeps the index: a document's
 * entries when the collaboration engine stores it (SearchIndex extension), a meeting's title
 * when it changes, a community's resources when one is added or deleted (`resourcesChanged`),
 * and, once after start, every stored document never indexed. Writes to one source go one at a time, the latest version last; a
 * failed write is logged and never reaches whoever asked for it.
 */
export class SearchService {
  readonly #deps: SearchDeps
  readonly #queue: SourceQueue
  #logger: SearchLogger = { error: (details, message) => console.error(message, details) }
  #stopped = false

  constructor(deps: SearchDeps) {
    this.#deps = deps
    this.#queue = new SourceQueue((error, source) =>
      this.#logger.error({ err: error, source }, 'search index could not be written'),
    )
    deps.events.on('meetingChanged', ({ meetingId }) => {
      this.#queue.push(titleSource(meetingId), () => this.#indexMeetingTitle(meetingId))
    })
    deps.events.on('resourcesChanged', ({ communityId }) => {
      void this.indexResources(communityId)
    })
  }

  /** One community's archive: members and observers; anyone else, the same 404 as an unknown id. */
  async search(
    communityId: string,
    userId: string,
    q: string,
    limit = SEARCH_RESULTS_DEFAULT,
  ): Promise<SearchResult[]> {
    await this.#deps.communities.requireRole(communityId, userId, 'observer')
    return this.#search({ communityId }, q, limit)
  }

  /** Every community of mine, and the meetings opened to me as a network guest. */
  async searchAll(userId: string, q: string, limit = SEARCH_RESULTS_DEFAULT): Promise<SearchResult[]> {
    return this.#search({ userId }, q, limit)
  }

  /**
   * The entries of a document as it was stored (read in the same turn, by the caller). Resolves
   * when they are written or skipped; never rejects.
   */
  indexDocument(documentName: string, entries: readonly SearchEntry[]): Promise<void> {
    return this.#queue.push(documentName, () => this.#indexDocument(documentName, entries))
  }

  /**
   * The seam for resources: the community's resources as they stand become its `resource`
   * entries (title; a link's address as the body), one source per community.
   */
  indexResources(communityId: string): Promise<void> {
    const source = { name: resourcesSource(communityId), communityId, meetingId: null }
    return this.#queue.push(source.name, async () => {
      const resources = await this.#deps.resources.resources(communityId, MAX_RESOURCES)
      await this.#write(
        source,
        resources.map((r) => ({ kind: 'resource', itemId: r.id, title: r.title, body: r.url ?? '' })),
      )
    })
  }

  /** Logs through the server's logger from now on, and starts the backfill in the background. */
  start(logger: SearchLogger): void {
    this.#logger = logger
    this.backfill().catch((error: unknown) => logger.error({ err: error }, 'search backfill stopped'))
  }

  /**
   * Indexes every stored document search holds that was never indexed, one at a time; resolves
   * with how many it wrote, when done or stopped.
   */
  async backfill(): Promise<number> {
    let written = 0
    let after = ''
    while (!this.#stopped) {
      const names = await this.#deps.store.unindexedDocuments(after, BACKFILL_PAGE)
      if (names.length === 0) break
      for (const name of names) {
        if (this.#stopped) break
        const parsed = parseDocumentName(name)
        const stored = await this.#deps.documents.load(name)
        const doc = new Y.Doc()
        try {
          if (stored.updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(stored.updates))
          const entries = parsed ? searchEntriesOf(parsed, doc) : null
          if (entries) {
            await this.indexDocument(name, entries)
            written++
          }
        } finally {
          doc.destroy()
        }
        await new Promise((resolve) => setTimeout(resolve, BACKFILL_REST_MS))
      }
      after = names[names.length - 1] ?? after
    }
    return written
  }

  /** Stops the backfill and waits for every write asked for so far (before the database closes). */
  async close(): Promise<void> {
    this.#stopped = true
    await this.#queue.settled()
  }

  async #search(scope: SearchScope, q: string, limit: number): Promise<SearchResult[]> {
    const query = parseSearchQuery(q)
    if (!query) return []
    const hits = await this.#deps.store.search(scope, query, Math.min(Math.max(limit, 1), SEARCH_RESULTS_MAX))
    return hits.map(toResult)
  }

  async #indexDocument(documentName: string, entries: readonly SearchEntry[]): Promise<void> {
    const name = parseDocumentName(documentName)
    if (!name || name.kind === 'meetingRun') return
    let source: SearchSource
    if (name.kind === 'meeting') {
      const meeting = await this.#deps.meetingStore.meetingById(name.meetingId)
      // A document of a meeting that does not exist (any more) has nowhere to be found.
      if (!meeting) return
      source = { name: documentName, communityId: meeting.communityId, meetingId: meeting.id }
      // Meetings from before search have no title entry yet.
      this.#queue.push(titleSource(meeting.id), () => this.#indexMeetingTitle(meeting.id))
    } else {
      if (!(await this.#deps.communityStore.communityById(name.communityId))) return
      source = { name: documentName, communityId: name.communityId, meetingId: null }
    }
    await this.#write(
      source,
      entries.map((e) => ({ kind: e.kind, itemId: e.itemId, title: e.title, body: e.text })),
    )
  }

  async #indexMeetingTitle(meetingId: string): Promise<void> {
    const meeting = await this.#deps.meetingStore.meetingById(meetingId)
    if (!meeting) return
    await this.#write({ name: titleSource(meetingId), communityId: meeting.communityId, meetingId }, [
      { kind: 'meeting', itemId: null, title: meeting.title, body: '' },
    ])
  }

  async #write(source: SearchSource, entries: readonly IndexedEntry[]): Promise<void> {
    const clean = entries.map((e) => ({
      kind: e.kind,
      itemId: e.itemId,
      title: indexable(e.title, MAX_TITLE_CHARS),
      body: indexable(e.body, MAX_BODY_CHARS),
    }))
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([source, clean]))
      .digest('base64url')
    if (await this.#deps.store.replace(source, clean, fingerprint)) {
      this.#deps.events.emit('searchIndexed', { source: source.name })
    }
  }
}

/** A meeting's title is a source of its own: a rename re-indexes it without reading the document. */
const titleSource = (meetingId: string) => `meeting-title/${meetingId}`
const resourcesSource = (communityId: string) => `community/${communityId}/resources`

/** Text as the index may hold it: no markers, no NUL, bounded. */
function indexable(text: string, max: number): string {
  const clean = withoutUnindexable(text)
  return clean.length > max ? clean.slice(0, max) : clean
}

function toResult(hit: SearchHit): SearchResult {
  const title = unmark(hit.title)
  const snippet = unmark(hit.snippet)
  const result: SearchResult = {
    kind: hit.kind as SearchKind,
    communityId: hit.communityId,
    title: title.text,
    titleHighlights: title.ranges,
    snippet: snippet.text,
    highlights: snippet.ranges,
  }
  if (hit.meetingId !== null) {
    result.meetingId = hit.meetingId
    result.meetingTitle = hit.meetingTitle ?? ''
    if (hit.meetingStartsAt !== null) result.meetingStartsAt = new Date(hit.meetingStartsAt).toISOString()
    result.cancelled = hit.meetingCancelledAt !== null
  }
  // A resource entry keeps the resource's id where a meeting's keeps its item's.
  if (hit.itemId !== null) {
    if (hit.kind === 'resource') result.resourceId = hit.itemId
    else result.itemId = hit.itemId
  }
  return result
}

/**
 * The full-text index of communities' archives (issue 29, SPEC Q1–Q6): entries extracted from
 * documents (and meeting titles, resource titles), replaced per source whenever their source
 * is indexed again. SQLite: one FTS5 table per community (bm25's statistics per community, so a
 * query costs what the community holds, not what the whole database does). PostgreSQL: a
 * weighted tsvector column with a GIN index (websearch_to_tsquery, ts_rank, ts_headline).
 */

/** One thing to find. `title` is ranked above `body`. */
export interface IndexedEntry {
  kind: string
  /** The agenda item a hit opens at; for a resource, the resource. */
  itemId: string | null
  title: string
  body: string
}

/** What a set of entries came from, and where they belong. */
export interface SearchSource {
  /**
   * A document name (`meeting/<id>`, `community/<id>/charter`, `community/<id>/plan`), a
   * meeting's title (`meeting-title/<id>`) or a community's resources (`community/<id>/resources`).
   */
  name: string
  communityId: string
  meetingId: string | null
}

/** One word, or the words of a quoted phrase, in the order they must appear. */
export type SearchTerm = readonly string[]

/** Entries holding every `include` term and none of the `exclude` ones. `include` is never empty. */
export interface SearchClause {
  include: readonly SearchTerm[]
  exclude: readonly SearchTerm[]
}

/** Web-search syntax, parsed (services/search/search-query.ts): any clause may match. Never empty. */
export interface SearchQuery {
  clauses: readonly SearchClause[]
}

/**
 * Whose archive: one community's, or every community `userId` belongs to plus the meetings
 * opened to them as a network guest (filtered by memberships in SQL, never after).
 */
export type SearchScope = { communityId: string } | { userId: string }

/** Around the words a query matched: MARK_START before, MARK_END after (Unicode private use). */
export const MARK_START = '\uE000'
export const MARK_END = '\uE001'

export interface SearchHit {
  source: string
  communityId: string
  meetingId: string | null
  itemId: string | null
  kind: string
  /** The whole title, its matches marked. */
  title: string
  /** A passage of the body around its best match, marked; '' for an entry without a body. */
  snippet: string
  meetingTitle: string | null
  meetingStartsAt: number | null
  meetingCancelledAt: number | null
}

export interface SearchStore {
  /**
   * Replaces every entry of `source` with `entries`, in one transaction, unless the source was
   * last indexed with the same `fingerprint` (then nothing is written). Whether it wrote.
   */
  replace(source: SearchSource, entries: readonly IndexedEntry[], fingerprint: string): Promise<boolean>
  /** At most `limit` hits, best first. */
  search(scope: SearchScope, query: SearchQuery, limit: number): Promise<SearchHit[]>
  /**
   * Names of stored documents search holds (meetings, charters, plans) that were never indexed
   * (an archive from before search, a copied installation): up to `limit`, in name order, after
   * `after`, so one walk visits each once.
   */
  unindexedDocuments(after: string, limit: number): Promise<string[]>
}

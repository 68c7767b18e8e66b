/**
 * Search over a community's archive (DESIGN §3, SPEC Q1–Q6): `GET /api/communities/:id/search?q=`
 * and, across every community of mine, `GET /api/search?q=`.
 */

/** What a hit is: a meeting (its title), an agenda item (title and notes), an action item, a decision, the charter's norms and preamble, the plan's goals and evidence, a shared resource. */
export type SearchKind =
  | 'meeting'
  | 'item'
  | 'action'
  | 'decision'
  | 'norm'
  | 'preamble'
  | 'goal'
  | 'evidence'
  | 'resource'

/** `[start, end)` offsets into a string (UTF-16 code units, as JavaScript indexes strings) of words the query matched. */
export type HighlightRange = [start: number, end: number]

export interface SearchResult {
  kind: SearchKind
  communityId: string
  /** The hit's own words: an item's title, an action item's or decision's text, a norm, a goal's statement… ('' for a preamble). */
  title: string
  titleHighlights: HighlightRange[]
  /** Plain text around the best match in the body (notes, a goal's measure…), '' when the hit has no body. Never HTML. */
  snippet: string
  highlights: HighlightRange[]
  /** For hits in a meeting: the meeting, its title and start (ISO 8601), and whether it was cancelled. */
  meetingId?: string
  meetingTitle?: string
  meetingStartsAt?: string
  cancelled?: boolean
  /** The agenda item a hit in a meeting opens at (an item's notes, a decision made under it). */
  itemId?: string
  /** A shared resource's id (kind `resource`). */
  resourceId?: string
}

/** Best first. */
export interface SearchResponse {
  results: SearchResult[]
}

/** At most this many characters of query: longer is 400 `invalid_request`. */
export const SEARCH_QUERY_MAX_CHARS = 200
/** At most this many words and phrases in one query: more is 400. */
export const SEARCH_QUERY_MAX_TERMS = 16
/** Results per answer at most (`limit`), and by default. */
export const SEARCH_RESULTS_MAX = 50
export const SEARCH_RESULTS_DEFAULT = 20

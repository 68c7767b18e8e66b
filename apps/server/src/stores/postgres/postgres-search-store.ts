import type { Pool } from 'pg'
import {
  type IndexedEntry,
  MARK_END,
  MARK_START,
  type SearchHit,
  type SearchQuery,
  type SearchScope,
  type SearchSource,
  type SearchStore,
  type SearchTerm,
} from '../search-store.ts'
import { inTransaction } from './pool.ts'

/** The whole title, every match marked. */
const TITLE_HEADLINE = `HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_END}`
/** One passage of about as many words as SQLite's snippet has tokens. */
const BODY_HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=24, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "`
/**
 * ts_headline parses all the text it is given (~2 ms for 4 KB on a busy machine), so it gets a
 * window of the body around the first place a stem of the query's words occurs (stems are
 * nearly always a prefix of the word), or the body's start when none does.
 */
const WINDOW_BEFORE = 160
const WINDOW_CHARS = 480

/** Meetings opened to the user's networks, of communities they do not belong to (DESIGN §1). */
const GUEST_MEETINGS = `
  SELECT mt.id FROM meetings mt
  WHERE mt.network_guest_role IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM memberships me WHERE me.community_id = mt.community_id AND me.user_id = $1)
    AND EXISTS (
      SELECT 1 FROM network_communities host
      JOIN network_communities other ON other.network_id = host.network_id
      JOIN memberships m ON m.community_id = other.community_id AND m.user_id = $1
      WHERE host.community_id = mt.community_id)`

interface EntryRow {
  source: string
  community_id: string
  meeting_id: string | null
  item_id: string | null
  kind: string
  title_marked: string
  snippet_marked: string
  meeting_title: string | null
  starts_at: string | null
  cancelled_at: string | null
}

/**
 * SearchStore on PostgreSQL full-text search: the parsed query goes back to web-search syntax
 * for websearch_to_tsquery, entries rank by ts_rank (length-normalised), and the top ones get
 * ts_headline passages. Memberships filter in the same statement as the match.
 */
export class PostgresSearchStore implements SearchStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async replace(
    source: SearchSource,
    entries: readonly IndexedEntry[],
    fingerprint: string,
  ): Promise<boolean> {
    return inTransaction(this.#pool, async (client) => {
      // Also the lock that serializes two processes indexing one source.
      const claimed = await client.query(
        `INSERT INTO search_sources (source, community_id, fingerprint, indexed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (source) DO UPDATE SET fingerprint = excluded.fingerprint, indexed_at = excluded.indexed_at
         WHERE search_sources.fingerprint <> excluded.fingerprint`,
        [source.name, source.communityId, fingerprint, Date.now()],
      )
      if (claimed.rowCount === 0) return false
      await client.query('DELETE FROM search_entries WHERE source = $1', [source.name])
      if (entries.length > 0) {
        await client.query(
          `INSERT INTO search_entries (source, community_id, meeting_id, item_id, kind, title, body)
           SELECT $1, $2, $3, u.item_id, u.kind, u.title, u.body
           FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) AS u (item_id, kind, title, body)`,
          [
            source.name,
            source.communityId,
            source.meetingId,
            entries.map((e) => e.itemId),
            entries.map((e) => e.kind),
            entries.map((e) => e.title),
            entries.map((e) => e.body),
          ],
        )
      }
      return true
    })
  }

  async search(scope: SearchScope, query: SearchQuery, limit: number): Promise<SearchHit[]> {
    // The words ANDed with the community lexemes (migration 30): GIN reads a common word only
    // where the communities are. Written out where matched (not from the CTE), so the planner
    // sees the query; an empty one (stop words only) matches nothing.
    const words = `websearch_to_tsquery('english', $2)`
    const some = `numnode(${words}) > 0`
    const rank = `ts_rank(e.words, ${words}, 1)`
    const communities = `(SELECT ('(' || string_agg(${lexeme('community_id')}, ' | ') || ')')::tsquery
                          FROM memberships WHERE user_id = $1)`
    const ranked =
      'communityId' in scope
        ? `SELECT e.id, ${rank} AS score FROM search_entries e
           WHERE e.community_id = $1 AND ${some} AND e.words @@ (${words} && ${lexeme('$1')}::tsquery)`
        : `SELECT e.id, ${rank} AS score FROM search_entries e
           WHERE e.community_id IN (SELECT community_id FROM memberships WHERE user_id = $1)
             AND ${some} AND e.words @@ (${words} && ${communities})
           UNION ALL
           SELECT e.id, ${rank} AS score FROM search_entries e
           WHERE e.meeting_id IN (${GUEST_MEETINGS}) AND e.words @@ ${words}`
    const { rows } = await this.#pool.query<EntryRow>(
      `WITH q AS (
         SELECT websearch_to_tsquery('english', $2) AS query,
           tsvector_to_array(to_tsvector('english', $6)) AS stems),
       top AS MATERIALIZED (SELECT id, score FROM (${ranked}) ranked ORDER BY score DESC, id LIMIT $3)
       SELECT e.source, e.community_id, e.meeting_id, e.item_id, e.kind,
         ts_headline('english', e.title, q.query, $4) AS title_marked,
         CASE WHEN e.body = '' THEN '' ELSE ts_headline('english', w.passage, q.query, $5) END AS snippet_marked,
         m.title AS meeting_title, m.starts_at, m.cancelled_at
       FROM top JOIN search_entries e ON e.id = top.id CROSS JOIN q
       CROSS JOIN LATERAL (
         SELECT min(f.at) AS at FROM (SELECT strpos(lower(e.body), s) AS at FROM unnest(q.stems) AS s) f
         WHERE f.at > 0) first
       CROSS JOIN LATERAL (SELECT greatest(1, coalesce(first.at, 1) - ${WINDOW_BEFORE}) AS start) st
       CROSS JOIN LATERAL (
         -- Whole words only: a word the window cuts at either end is left out.
         SELECT regexp_replace(
           CASE WHEN st.start > 1 THEN regexp_replace(substr(e.body, st.start, ${WINDOW_CHARS}), '^\\S*\\s+', '')
             ELSE substr(e.body, 1, ${WINDOW_CHARS}) END,
           CASE WHEN st.start + ${WINDOW_CHARS} <= length(e.body) THEN '\\s+\\S*$' ELSE '$^' END, '') AS passage) w
       LEFT JOIN meetings m ON m.id = e.meeting_id
       ORDER BY top.score DESC, top.id`,
      [
        'communityId' in scope ? scope.communityId : scope.userId,
        websearchText(query),
        limit,
        TITLE_HEADLINE,
        BODY_HEADLINE,
        query.clauses.flatMap((c) => c.include.flat()).join(' '),
      ],
    )
    return rows.map((row) => ({
      source: row.source,
      communityId: row.community_id,
      meetingId: row.meeting_id,
      itemId: row.item_id,
      kind: row.kind,
      title: row.title_marked,
      snippet: row.snippet_marked,
      meetingTitle: row.meeting_title,
      // BIGINT arrives as a string: epoch ms, well within 2^53.
      meetingStartsAt: row.starts_at === null ? null : Number(row.starts_at),
      meetingCancelledAt: row.cancelled_at === null ? null : Number(row.cancelled_at),
    }))
  }

  async unindexedDocuments(after: string, limit: number): Promise<string[]> {
    const { rows } = await this.#pool.query<{ name: string }>(
      `SELECT d.name FROM document_snapshots d
       WHERE d.name > $1
         AND ((d.name LIKE 'meeting/%' AND d.name NOT LIKE 'meeting/%/%')
           OR d.name LIKE 'community/%/charter' OR d.name LIKE 'community/%/plan')
         AND NOT EXISTS (SELECT 1 FROM search_sources s WHERE s.source = d.name)
       ORDER BY d.name LIMIT $2`,
      [after, limit],
    )
    return rows.map((r) => r.name)
  }
}

/** SQL for the quoted tsquery lexeme of a community id (ids are letters, digits, - and _). */
const lexeme = (id: string) => `('''community:' || ${id} || '''')`

/**
 * The parsed query written back in the syntax websearch_to_tsquery reads, every term quoted (as
 * SQLite quotes each term), so both engines read one query alike.
 */
export function websearchText(query: SearchQuery): string {
  const quoted = (term: SearchTerm) => `"${term.join(' ')}"`
  return query.clauses
    .map((clause) => [...clause.include.map(quoted), ...clause.exclude.map((t) => `-${quoted(t)}`)].join(' '))
    .join(' or ')
}

import type { DatabaseSync, StatementSync } from 'node:sqlite'
import {
  type IndexedEntry,
  MARK_END,
  MARK_START,
  type SearchHit,
  type SearchQuery,
  type SearchScope,
  type SearchSource,
  type SearchStore,
} from '../search-store.ts'
import { fts5Match } from './fts5-query.ts'
import { transaction } from './transaction.ts'

/** bm25 weights of the title and body columns: a title hit outranks a passing mention. */
const TITLE_WEIGHT = 10
const BODY_WEIGHT = 1
/** Tokens in a snippet (FTS5 allows up to 64). */
const SNIPPET_TOKENS = 24
/** Prepared statements kept per connection; the SQL names one community's table. */
const STATEMENT_CACHE = 512

interface Scope {
  scope: number
  /** Only this meeting's entries (a network guest's meeting), or the whole community. */
  meetingId: string | null
}

interface EntryRow {
  id: number
  source: string
  community_id: string
  meeting_id: string | null
  item_id: string | null
  kind: string
  title_marked: string
  snippet_marked: string
  meeting_title: string | null
  starts_at: number | null
  cancelled_at: number | null
}

/**
 * SearchStore on SQLite FTS5. Entries live in `search_entries`; each community's words in its
 * own external-content FTS5 table `search_text_<scope>` (tokenizer: porter stemming over
 * unicode61 without diacritics). One table per community keeps bm25's statistics, which FTS5
 * counts over the whole table at every query, to the community's size (bench S9).
 */
export class SqliteSearchStore implements SearchStore {
  readonly #db: DatabaseSync
  readonly #statements = new Map<string, StatementSync>()
  /** Scopes whose FTS table this connection has seen made. */
  readonly #tables = new Set<number>()

  constructor(db: DatabaseSync) {
    this.#db = db
  }

  async replace(
    source: SearchSource,
    entries: readonly IndexedEntry[],
    fingerprint: string,
  ): Promise<boolean> {
    try {
      return this.#replace(source, entries, fingerprint)
    } catch (error) {
      // A table made in the rolled-back transaction is gone again.
      this.#tables.clear()
      throw error
    }
  }

  #replace(source: SearchSource, entries: readonly IndexedEntry[], fingerprint: string): boolean {
    return transaction(this.#db, () => {
      const stored = this.#prepare('SELECT fingerprint FROM search_sources WHERE source = ?').get(
        source.name,
      ) as { fingerprint: string } | undefined
      if (stored?.fingerprint === fingerprint) return false
      this.#removeEntries(source.name)
      const scope = this.#scopeOf(source.communityId)
      const insert = this.#prepare(
        `INSERT INTO search_entries (source, community_id, meeting_id, item_id, kind, title, body)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      const insertText = this.#prepare(`INSERT INTO ${table(scope)} (rowid, title, body) VALUES (?, ?, ?)`)
      for (const entry of entries) {
        const { lastInsertRowid } = insert.run(
          source.name,
          source.communityId,
          source.meetingId,
          entry.itemId,
          entry.kind,
          entry.title,
          entry.body,
        )
        insertText.run(lastInsertRowid, entry.title, entry.body)
      }
      this.#prepare(
        `INSERT INTO search_sources (source, community_id, fingerprint, indexed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (source) DO UPDATE SET fingerprint = excluded.fingerprint, indexed_at = excluded.indexed_at`,
      ).run(source.name, source.communityId, fingerprint, Date.now())
      return true
    })
  }

  async search(scope: SearchScope, query: SearchQuery, limit: number): Promise<SearchHit[]> {
    const match = fts5Match(query)
    const ranked: { id: number; score: number; scope: number }[] = []
    for (const { scope: s, meetingId } of this.#scopes(scope)) {
      const rows = (
        meetingId === null
          ? this.#prepare(
              `SELECT rowid AS id, bm25(${table(s)}, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS score FROM ${table(s)}
               WHERE ${table(s)} MATCH ? ORDER BY score LIMIT ?`,
            ).all(match, limit)
          : this.#prepare(
              `SELECT ${table(s)}.rowid AS id, bm25(${table(s)}, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS score
               FROM ${table(s)} CROSS JOIN search_entries e ON e.id = ${table(s)}.rowid
               WHERE ${table(s)} MATCH ? AND e.meeting_id = ? ORDER BY score LIMIT ?`,
            ).all(match, meetingId, limit)
      ) as { id: number; score: number }[]
      for (const row of rows) ranked.push({ ...row, scope: s })
    }
    // bm25 is lower for better; each community's scores use its own statistics.
    ranked.sort((a, b) => a.score - b.score || a.id - b.id)
    const top = ranked.slice(0, limit)
    const details = new Map<number, EntryRow>()
    for (const s of new Set(top.map((r) => r.scope))) {
      const ids = top.filter((r) => r.scope === s).map((r) => r.id)
      const rows = this.#prepare(
        `SELECT e.id, e.source, e.community_id, e.meeting_id, e.item_id, e.kind,
           highlight(${table(s)}, 0, ?, ?) AS title_marked,
           CASE WHEN e.body = '' THEN '' ELSE snippet(${table(s)}, 1, ?, ?, '…', ${SNIPPET_TOKENS}) END AS snippet_marked,
           m.title AS meeting_title, m.starts_at, m.cancelled_at
         FROM ${table(s)} CROSS JOIN search_entries e ON e.id = ${table(s)}.rowid
         LEFT JOIN meetings m ON m.id = e.meeting_id
         WHERE ${table(s)} MATCH ? AND ${table(s)}.rowid IN (SELECT value FROM json_each(?))`,
      ).all(MARK_START, MARK_END, MARK_START, MARK_END, match, JSON.stringify(ids)) as unknown as EntryRow[]
      for (const row of rows) details.set(row.id, row)
    }
    return top.flatMap(({ id }) => {
      const row = details.get(id)
      return row ? [toHit(row)] : []
    })
  }

  async unindexedDocuments(after: string, limit: number): Promise<string[]> {
    const rows = this.#prepare(
      `SELECT d.name FROM document_snapshots d
       WHERE d.name > ?
         AND ((d.name LIKE 'meeting/%' AND d.name NOT LIKE 'meeting/%/%')
           OR d.name LIKE 'community/%/charter' OR d.name LIKE 'community/%/plan')
         AND NOT EXISTS (SELECT 1 FROM search_sources s WHERE s.source = d.name)
       ORDER BY d.name LIMIT ?`,
    ).all(after, limit) as { name: string }[]
    return rows.map((r) => r.name)
  }

  /** The FTS tables (and meeting filters) a scope covers; memberships are read here, in SQL. */
  #scopes(scope: SearchScope): Scope[] {
    if ('communityId' in scope) {
      const row = this.#prepare('SELECT scope FROM search_scopes WHERE community_id = ?').get(
        scope.communityId,
      ) as { scope: number } | undefined
      return row ? [{ scope: row.scope, meetingId: null }] : []
    }
    const member = this.#prepare(
      `SELECT s.scope FROM memberships m JOIN search_scopes s ON s.community_id = m.community_id
       WHERE m.user_id = ?`,
    ).all(scope.userId) as { scope: number }[]
    // Meetings opened to the user's networks, of communities they do not belong to (DESIGN §1).
    const guest = this.#prepare(
      `SELECT s.scope, mt.id AS meeting_id FROM meetings mt
       JOIN search_scopes s ON s.community_id = mt.community_id
       WHERE mt.network_guest_role IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM memberships me WHERE me.community_id = mt.community_id AND me.user_id = ?)
         AND EXISTS (
           SELECT 1 FROM network_communities host
           JOIN network_communities other ON other.network_id = host.network_id
           JOIN memberships m ON m.community_id = other.community_id AND m.user_id = ?
           WHERE host.community_id = mt.community_id)`,
    ).all(scope.userId, scope.userId) as { scope: number; meeting_id: string }[]
    return [
      ...member.map((r) => ({ scope: r.scope, meetingId: null })),
      ...guest.map((r) => ({ scope: r.scope, meetingId: r.meeting_id })),
    ]
  }

  /** The community's scope number, its FTS table made the first time. Inside a transaction. */
  #scopeOf(communityId: string): number {
    this.#prepare('INSERT INTO search_scopes (community_id) VALUES (?) ON CONFLICT DO NOTHING').run(
      communityId,
    )
    const { scope } = this.#prepare('SELECT scope FROM search_scopes WHERE community_id = ?').get(
      communityId,
    ) as {
      scope: number
    }
    if (!this.#tables.has(scope)) {
      this.#db.exec(
        `CREATE VIRTUAL TABLE IF NOT EXISTS ${table(scope)} USING fts5(title, body,
           content = 'search_entries', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2')`,
      )
      this.#tables.add(scope)
    }
    return scope
  }

  /** Takes a source's rows out of its community's FTS table (which needs their old words), then deletes them. */
  #removeEntries(sourceName: string): void {
    const rows = this.#prepare(
      `SELECT e.id, e.title, e.body, s.scope FROM search_entries e
       JOIN search_scopes s ON s.community_id = e.community_id WHERE e.source = ?`,
    ).all(sourceName) as { id: number; title: string; body: string; scope: number }[]
    for (const row of rows) {
      this.#prepare(
        `INSERT INTO ${table(row.scope)} (${table(row.scope)}, rowid, title, body) VALUES ('delete', ?, ?, ?)`,
      ).run(row.id, row.title, row.body)
    }
    this.#prepare('DELETE FROM search_entries WHERE source = ?').run(sourceName)
  }

  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql)
    if (!statement) {
      if (this.#statements.size >= STATEMENT_CACHE) this.#statements.clear()
      statement = this.#db.prepare(sql)
      this.#statements.set(sql, statement)
    }
    return statement
  }
}

/** A scope number is an integer from SQLite, so the name needs no quoting. */
function table(scope: number): string {
  if (!Number.isSafeInteger(scope) || scope <= 0) throw new Error(`not a search scope: ${scope}`)
  return `search_text_${scope}`
}

function toHit(row: EntryRow): SearchHit {
  return {
    source: row.source,
    communityId: row.community_id,
    meetingId: row.meeting_id,
    itemId: row.item_id,
    kind: row.kind,
    title: row.title_marked ?? '',
    snippet: row.snippet_marked ?? '',
    meetingTitle: row.meeting_title,
    meetingStartsAt: row.starts_at,
    meetingCancelledAt: row.cancelled_at,
  }
}

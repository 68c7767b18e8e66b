import type { Pool, PoolClient } from 'pg'
import * as Y from 'yjs'
import type { DocumentStore, LogEntry, StoredDocument } from '../document-store.ts'
import { inTransaction } from './pool.ts'

/** Rows per INSERT: two parameters each, far below PostgreSQL's 65 535 per statement. */
const ROWS_PER_STATEMENT = 1_000

/**
 * Class key of the per-document compaction lock (the two-int advisory keys, a space apart from
 * migrate.ts' bigint ones): "conf", then the hash of the document's name.
 */
const COMPACTION_LOCK = 0x636f6e66

function bytes(update: Uint8Array): Buffer {
  // pg sends a Buffer parameter as binary; any other view would be sent as text.
  return Buffer.from(update.buffer, update.byteOffset, update.byteLength)
}

/**
 * Snapshot plus journal per document (migration 20), written by any number of server processes
 * at once. Nothing here relies on what one process remembers:
 * - `seq` is drawn from one identity, so it increases within a document whichever process
 *   appends, but rows may commit out of that order. Loading therefore reads the snapshot and
 *   every row still in the journal (one statement, one view of the database).
 * - A compaction cannot trust the caller's state to hold other processes' updates, nor the
 *   snapshot another process wrote. Under a per-document lock it drops the rows it can see up
 *   to `throughSeq` and writes a snapshot that merges the caller's state, the old snapshot and
 *   exactly those rows; a row committing later keeps its place in the journal whatever its seq.
 */
export class PostgresDocumentStore implements DocumentStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async load(name: string): Promise<StoredDocument> {
    const { rows } = await this.#pool.query<{ seq: string; data: Buffer }>(
      `SELECT 0 AS part, through_seq AS seq, state AS data FROM document_snapshots WHERE name = $1
       UNION ALL
       SELECT 1, seq, data FROM document_journal WHERE name = $1
       ORDER BY part, seq`,
      [name],
    )
    let lastSeq = 0
    const updates = rows.map((row) => {
      lastSeq = Math.max(lastSeq, Number(row.seq))
      return row.data
    })
    return { updates, lastSeq }
  }

  async append(entries: readonly LogEntry[]): Promise<number[]> {
    if (entries.length === 0) return []
    const now = Date.now()
    // One statement is one transaction already: a commit is a single round trip.
    if (entries.length <= ROWS_PER_STATEMENT) return insert(this.#pool, entries, now)
    return inTransaction(this.#pool, async (client) => {
      const seqs: number[] = []
      for (let from = 0; from < entries.length; from += ROWS_PER_STATEMENT) {
        seqs.push(...(await insert(client, entries.slice(from, from + ROWS_PER_STATEMENT), now)))
      }
      return seqs
    })
  }

  async compact(name: string, state: Uint8Array, throughSeq: number): Promise<void> {
    await inTransaction(this.#pool, async (client) => {
      // Two compactions of one document at once would each merge the snapshot the other replaces.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [COMPACTION_LOCK, name])
      const { rows: snapshots } = await client.query<{ state: Buffer; through_seq: string }>(
        'SELECT state, through_seq FROM document_snapshots WHERE name = $1',
        [name],
      )
      const old = snapshots[0]
      if (old && Number(old.through_seq) >= throughSeq) return
      const { rows: dropped } = await client.query<{ data: Buffer }>(
        'DELETE FROM document_journal WHERE name = $1 AND seq <= $2 RETURNING data',
        [name, throughSeq],
      )
      // The state first: where it and an older update hold the same item, the merge keeps the
      // first, and the state's is garbage collected.
      const parts = [state, ...(old ? [old.state] : []), ...dropped.map((row) => row.data)]
      const merged = parts.length === 1 ? state : Y.mergeUpdates(parts)
      await client.query(
        `INSERT INTO document_snapshots (name, state, through_seq, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (name) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq,
           updated_at = excluded.updated_at`,
        [name, bytes(merged), throughSeq, Date.now()],
      )
    })
  }

  async close(): Promise<void> {
    // The pool is owned by whoever opened it (it also backs other stores).
  }
}

/** One multi-row INSERT; its sequence numbers in the order of `entries`. */
async function insert(db: Pool | PoolClient, entries: readonly LogEntry[], now: number): Promise<number[]> {
  const values: unknown[] = [now]
  const rows = entries.map(({ name, update }) => {
    values.push(name, bytes(update))
    return `($${values.length - 1}, $${values.length}, $1)`
  })
  const { rows: returned } = await db.query<{ seq: string }>(
    `INSERT INTO document_journal (name, data, created_at) VALUES ${rows.join(', ')} RETURNING seq`,
    values,
  )
  // The identity is drawn row by row in VALUES order, and this statement's draws increase: sorted,
  // they line up with the entries whatever order RETURNING lists them in.
  return returned.map((row) => Number(row.seq)).sort((a, b) => a - b)
}

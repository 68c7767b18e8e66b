import type { DatabaseSync, StatementSync } from 'node:sqlite'
import type { DocumentStore, LogEntry, StoredDocument } from '../document-store.ts'
import { JournalIndex } from './journal-index.ts'
import { transaction } from './transaction.ts'

/**
 * Snapshots per document plus one append-only journal of updates for all documents, in rowid
 * order (migration 6). A commit appends to the journal's last page whatever documents it
 * touches; which rows belong to which document is kept in memory (JournalIndex), rebuilt from
 * the journal when the store opens, and a compaction drops the journal's front: every row
 * older than the oldest row some document still needs.
 *
 * This store is the journal's only writer (one server process per database file): rows another
 * writer appended after this store last looked could be dropped by its compactions.
 */
export class SqliteDocumentStore implements DocumentStore {
  readonly #db: DatabaseSync
  readonly #insertUpdate: StatementSync
  readonly #selectUpdate: StatementSync
  readonly #selectSnapshot: StatementSync
  readonly #upsertSnapshot: StatementSync
  readonly #deleteBefore: StatementSync
  readonly #selectSnapshotSeq: StatementSync
  readonly #journal: JournalIndex

  constructor(db: DatabaseSync) {
    this.#db = db
    this.#insertUpdate = db.prepare(
      'INSERT INTO document_journal (name, seq, data, created_at) VALUES (?, ?, ?, ?)',
    )
    this.#selectUpdate = db.prepare('SELECT data FROM document_journal WHERE id = ?')
    this.#selectSnapshot = db.prepare('SELECT state, through_seq FROM document_snapshots WHERE name = ?')
    this.#upsertSnapshot = db.prepare(
      `INSERT INTO document_snapshots (name, state, through_seq, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq,
         updated_at = excluded.updated_at
       WHERE excluded.through_seq >= document_snapshots.through_seq`,
    )
    this.#deleteBefore = db.prepare('DELETE FROM document_journal WHERE id < ?')
    this.#selectSnapshotSeq = db.prepare('SELECT through_seq FROM document_snapshots WHERE name = ?')
    this.#journal = this.#readJournal()
  }

  /**
   * One pass over the journal: the rows each document still needs. Rows a snapshot already
   * holds (a compaction whose deletion was cut short) are left for the next compaction to drop.
   */
  #readJournal(): JournalIndex {
    const journal = new JournalIndex()
    const rows = this.#db.prepare('SELECT id, name, seq FROM document_journal ORDER BY id').iterate()
    const names = new Set<string>()
    for (const row of rows as Iterable<{ id: number; name: string; seq: number }>) {
      journal.appended(row.name, row.seq, row.id)
      names.add(row.name)
    }
    for (const name of names) journal.snapshotted(name, this.#snapshotSeq(name))
    return journal
  }

  #snapshotSeq(name: string): number {
    const row = this.#selectSnapshotSeq.get(name) as { through_seq: number } | undefined
    return row?.through_seq ?? 0
  }

  #lastSeqOf(name: string): number {
    const known = this.#journal.lastSeq(name)
    if (known !== undefined) return known
    const seq = this.#snapshotSeq(name)
    this.#journal.snapshotted(name, seq)
    return seq
  }

  async load(name: string): Promise<StoredDocument> {
    const snapshot = this.#selectSnapshot.get(name) as { state: Uint8Array; through_seq: number } | undefined
    const updates = this.#journal
      .rowsOf(name)
      .map((id) => (this.#selectUpdate.get(id) as { data: Uint8Array }).data)
    if (snapshot) updates.unshift(snapshot.state)
    return { updates, lastSeq: this.#lastSeqOf(name) }
  }

  async append(entries: readonly LogEntry[]): Promise<number[]> {
    return this.appendNow(entries)
  }

  /** Commits before it returns, so the update log acknowledges within the turn (SPEC D5). */
  appendNow(entries: readonly LogEntry[]): number[] {
    const now = Date.now()
    // Rows written in this batch; they enter the index only once the transaction commits.
    const written: { name: string; seq: number; id: number }[] = []
    const taken = new Map<string, number>()
    transaction(this.#db, () => {
      for (const { name, update } of entries) {
        const seq = (taken.get(name) ?? this.#lastSeqOf(name)) + 1
        const { lastInsertRowid } = this.#insertUpdate.run(name, seq, update, now)
        taken.set(name, seq)
        written.push({ name, seq, id: Number(lastInsertRowid) })
      }
    })
    for (const { name, seq, id } of written) this.#journal.appended(name, seq, id)
    return written.map(({ seq }) => seq)
  }

  async compact(name: string, state: Uint8Array, throughSeq: number): Promise<void> {
    const planned = this.#journal.plan(name, throughSeq)
    transaction(this.#db, () => {
      this.#upsertSnapshot.run(name, state, throughSeq, Date.now())
      this.#deleteBefore.run(planned.oldestNeededId)
    })
    planned.apply()
  }

  async close(): Promise<void> {
    // The database handle is owned by whoever opened it (it also backs other stores).
  }
}

import type { DatabaseSync, StatementSync } from 'node:sqlite'
import type { DocumentStore, LogEntry, StoredDocument } from '../document-store.ts'
import { transaction } from './transaction.ts'

export class SqliteDocumentStore implements DocumentStore {
  readonly #db: DatabaseSync
  readonly #insertUpdate: StatementSync
  readonly #selectSnapshot: StatementSync
  readonly #selectUpdates: StatementSync
  readonly #upsertSnapshot: StatementSync
  readonly #deleteMerged: StatementSync
  readonly #selectLastSeq: StatementSync
  /** The newest sequence number per document: this store is the log's only writer. */
  readonly #lastSeq = new Map<string, number>()

  constructor(db: DatabaseSync) {
    this.#db = db
    this.#insertUpdate = db.prepare(
      'INSERT INTO document_log (name, seq, data, created_at) VALUES (?, ?, ?, ?)',
    )
    this.#selectSnapshot = db.prepare('SELECT state, through_seq FROM document_snapshots WHERE name = ?')
    this.#selectUpdates = db.prepare(
      'SELECT seq, data FROM document_log WHERE name = ? AND seq > ? ORDER BY seq',
    )
    this.#upsertSnapshot = db.prepare(
      `INSERT INTO document_snapshots (name, state, through_seq, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq,
         updated_at = excluded.updated_at
       WHERE excluded.through_seq >= document_snapshots.through_seq`,
    )
    this.#deleteMerged = db.prepare('DELETE FROM document_log WHERE name = ? AND seq <= ?')
    // A compaction may have emptied the log: the snapshot's through_seq still counts, or a new
    // update could get a number the snapshot claims to contain and be skipped on load.
    this.#selectLastSeq = db.prepare(
      `SELECT MAX(
         COALESCE((SELECT MAX(seq) FROM document_log WHERE name = ?1), 0),
         COALESCE((SELECT through_seq FROM document_snapshots WHERE name = ?1), 0)
       ) AS last`,
    )
  }

  async load(name: string): Promise<StoredDocument> {
    const snapshot = this.#selectSnapshot.get(name) as { state: Uint8Array; through_seq: number } | undefined
    const throughSeq = snapshot?.through_seq ?? 0
    const rows = this.#selectUpdates.all(name, throughSeq) as { seq: number; data: Uint8Array }[]
    const updates = rows.map((row) => row.data)
    if (snapshot) updates.unshift(snapshot.state)
    return { updates, lastSeq: rows.at(-1)?.seq ?? throughSeq }
  }

  append(entries: readonly LogEntry[]): number[] {
    const now = Date.now()
    // Numbers taken in this batch; they become the store's only once the transaction commits.
    const taken = new Map<string, number>()
    const seqs = transaction(this.#db, () =>
      entries.map(({ name, update }) => {
        const seq = (taken.get(name) ?? this.#lastSeqOf(name)) + 1
        this.#insertUpdate.run(name, seq, update, now)
        taken.set(name, seq)
        return seq
      }),
    )
    for (const [name, seq] of taken) this.#lastSeq.set(name, seq)
    return seqs
  }

  #lastSeqOf(name: string): number {
    const cached = this.#lastSeq.get(name)
    if (cached !== undefined) return cached
    return (this.#selectLastSeq.get(name) as { last: number }).last
  }

  async compact(name: string, state: Uint8Array, throughSeq: number): Promise<void> {
    transaction(this.#db, () => {
      this.#upsertSnapshot.run(name, state, throughSeq, Date.now())
      this.#deleteMerged.run(name, throughSeq)
    })
  }

  async close(): Promise<void> {
    // The database handle is owned by whoever opened it (it also backs other stores).
  }
}

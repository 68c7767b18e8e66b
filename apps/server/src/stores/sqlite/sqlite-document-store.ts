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

  constructor(db: DatabaseSync) {
    this.#db = db
    this.#insertUpdate = db.prepare('INSERT INTO document_updates (name, data, created_at) VALUES (?, ?, ?)')
    this.#selectSnapshot = db.prepare('SELECT state, through_seq FROM document_snapshots WHERE name = ?')
    this.#selectUpdates = db.prepare(
      'SELECT seq, data FROM document_updates WHERE name = ? AND seq > ? ORDER BY seq',
    )
    this.#upsertSnapshot = db.prepare(
      `INSERT INTO document_snapshots (name, state, through_seq, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq,
         updated_at = excluded.updated_at
       WHERE excluded.through_seq >= document_snapshots.through_seq`,
    )
    this.#deleteMerged = db.prepare('DELETE FROM document_updates WHERE name = ? AND seq <= ?')
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
    return transaction(this.#db, () =>
      entries.map(({ name, update }) => Number(this.#insertUpdate.run(name, update, now).lastInsertRowid)),
    )
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

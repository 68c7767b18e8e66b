import type { DatabaseSync } from 'node:sqlite'
import type { CalendarKeyRecord, CalendarKeyStore } from '../calendar-key-store.ts'

export class SqliteCalendarKeyStore implements CalendarKeyStore {
  readonly #db: DatabaseSync

  constructor(db: DatabaseSync) {
    this.#db = db
  }

  async replaceCalendarKey(k: CalendarKeyRecord): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO calendar_keys (community_id, key_hash, created_by, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (community_id) DO UPDATE SET
           key_hash = excluded.key_hash, created_by = excluded.created_by, created_at = excluded.created_at`,
      )
      .run(k.communityId, k.keyHash, k.createdBy, k.createdAt)
  }

  async calendarKey(communityId: string): Promise<CalendarKeyRecord | null> {
    const row = this.#db
      .prepare('SELECT key_hash, created_by, created_at FROM calendar_keys WHERE community_id = ?')
      .get(communityId) as { key_hash: string; created_by: string; created_at: number } | undefined
    return row
      ? { communityId, keyHash: row.key_hash, createdBy: row.created_by, createdAt: row.created_at }
      : null
  }
}

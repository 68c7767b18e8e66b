import type { Pool } from 'pg'
import type { CalendarKeyRecord, CalendarKeyStore } from '../calendar-key-store.ts'

export class PostgresCalendarKeyStore implements CalendarKeyStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async replaceCalendarKey(k: CalendarKeyRecord): Promise<void> {
    await this.#pool.query(
      `INSERT INTO calendar_keys (community_id, key_hash, created_by, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (community_id) DO UPDATE SET
         key_hash = excluded.key_hash, created_by = excluded.created_by, created_at = excluded.created_at`,
      [k.communityId, k.keyHash, k.createdBy, k.createdAt],
    )
  }

  async calendarKey(communityId: string): Promise<CalendarKeyRecord | null> {
    const { rows } = await this.#pool.query<{ key_hash: string; created_by: string; created_at: string }>(
      'SELECT key_hash, created_by, created_at FROM calendar_keys WHERE community_id = $1',
      [communityId],
    )
    const row = rows[0]
    return row
      ? { communityId, keyHash: row.key_hash, createdBy: row.created_by, createdAt: Number(row.created_at) }
      : null
  }
}

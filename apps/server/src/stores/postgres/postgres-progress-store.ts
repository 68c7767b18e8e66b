import type { Pool } from 'pg'
import type { ActionCopyRow, ProgressStore } from '../progress-store.ts'

export class PostgresProgressStore implements ProgressStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async actionCopies(communityId: string): Promise<ActionCopyRow[]> {
    const { rows } = await this.#pool.query<{
      action_id: string
      done: boolean
      done_at: string | null
      starts_at: string
    }>(
      `SELECT a.action_id, a.done, a.done_at, m.starts_at FROM action_items a
       JOIN meetings m ON m.id = a.meeting_id WHERE a.community_id = $1`,
      [communityId],
    )
    // BIGINT arrives as a string: epoch ms, well within 2^53.
    return rows.map((r) => ({
      actionId: r.action_id,
      done: r.done,
      doneAt: r.done_at === null ? null : Number(r.done_at),
      meetingStartsAt: Number(r.starts_at),
    }))
  }
}

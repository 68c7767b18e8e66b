import type { DatabaseSync } from 'node:sqlite'
import type { ActionCopyRow, ProgressStore } from '../progress-store.ts'

export class SqliteProgressStore implements ProgressStore {
  readonly #db: DatabaseSync

  constructor(db: DatabaseSync) {
    this.#db = db
  }

  async actionCopies(communityId: string): Promise<ActionCopyRow[]> {
    const rows = this.#db
      .prepare(
        `SELECT a.action_id, a.done, a.done_at, m.starts_at FROM action_items a
         JOIN meetings m ON m.id = a.meeting_id WHERE a.community_id = ?`,
      )
      .all(communityId) as unknown as {
      action_id: string
      done: number
      done_at: number | null
      starts_at: number
    }[]
    return rows.map((r) => ({
      actionId: r.action_id,
      done: r.done === 1,
      doneAt: r.done_at,
      meetingStartsAt: r.starts_at,
    }))
  }
}

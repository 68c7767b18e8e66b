import type { DatabaseSync } from 'node:sqlite'
import { type AffirmationRow, type CharterStore, parseTexts, type RatingRow } from '../charter-store.ts'
import { transaction } from './transaction.ts'

export class SqliteCharterStore implements CharterStore {
  readonly #db: DatabaseSync

  constructor(db: DatabaseSync) {
    this.#db = db
  }

  async affirm(
    communityId: string,
    userId: string,
    version: string,
    norms: readonly string[],
    at: number,
  ): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO charter_affirmations (community_id, user_id, version, affirmed_at, norms) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (community_id, user_id) DO UPDATE SET version = excluded.version,
           affirmed_at = excluded.affirmed_at, norms = excluded.norms`,
      )
      .run(communityId, userId, version, at, JSON.stringify(norms))
  }

  async affirmations(communityId: string): Promise<AffirmationRow[]> {
    const rows = this.#db
      .prepare('SELECT user_id, version, affirmed_at, norms FROM charter_affirmations WHERE community_id = ?')
      .all(communityId) as unknown as {
      user_id: string
      version: string
      affirmed_at: number
      norms: string | null
    }[]
    return rows.map((r) => ({
      userId: r.user_id,
      version: r.version,
      norms: parseTexts(r.norms),
      affirmedAt: r.affirmed_at,
    }))
  }

  async replaceRatings(
    meetingId: string,
    userId: string,
    ratings: Omit<RatingRow, 'userId'>[],
    at: number,
  ): Promise<void> {
    transaction(this.#db, () => {
      this.#db.prepare('DELETE FROM norm_ratings WHERE meeting_id = ? AND user_id = ?').run(meetingId, userId)
      const insert = this.#db.prepare(
        `INSERT INTO norm_ratings (meeting_id, user_id, norm_id, norm_text, rating, comment, rated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      for (const r of ratings) insert.run(meetingId, userId, r.normId, r.normText, r.rating, r.comment, at)
    })
  }

  async ratings(meetingId: string): Promise<RatingRow[]> {
    return this.#db
      .prepare(
        `SELECT user_id AS userId, norm_id AS normId, norm_text AS normText, rating, comment
         FROM norm_ratings WHERE meeting_id = ?`,
      )
      .all(meetingId) as unknown as RatingRow[]
  }

  async trend(communityId: string) {
    return this.#db
      .prepare(
        `SELECT m.id AS meetingId, m.title, m.starts_at AS startsAt, r.norm_id AS normId,
           max(r.norm_text) AS normText, avg(r.rating) AS average, count(*) AS count
         FROM norm_ratings r JOIN meetings m ON m.id = r.meeting_id
         WHERE m.community_id = ?
         GROUP BY m.id, r.norm_id ORDER BY m.starts_at, r.norm_id`,
      )
      .all(communityId) as unknown as {
      meetingId: string
      title: string
      startsAt: number
      normId: string
      normText: string
      average: number
      count: number
    }[]
  }
}

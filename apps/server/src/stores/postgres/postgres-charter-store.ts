import type { Pool } from 'pg'
import { type AffirmationRow, type CharterStore, parseTexts, type RatingRow } from '../charter-store.ts'
import { inTransaction } from './pool.ts'

type TrendPoint = Awaited<ReturnType<CharterStore['trend']>>[number]

export class PostgresCharterStore implements CharterStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async affirm(
    communityId: string,
    userId: string,
    version: string,
    norms: readonly string[],
    at: number,
  ): Promise<void> {
    await this.#pool.query(
      `INSERT INTO charter_affirmations (community_id, user_id, version, affirmed_at, norms)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (community_id, user_id) DO UPDATE SET version = excluded.version,
         affirmed_at = excluded.affirmed_at, norms = excluded.norms`,
      [communityId, userId, version, at, JSON.stringify(norms)],
    )
  }

  async affirmations(communityId: string): Promise<AffirmationRow[]> {
    const { rows } = await this.#pool.query<{
      user_id: string
      version: string
      affirmed_at: string
      norms: string | null
    }>('SELECT user_id, version, affirmed_at, norms FROM charter_affirmations WHERE community_id = $1', [
      communityId,
    ])
    return rows.map((r) => ({
      userId: r.user_id,
      version: r.version,
      norms: parseTexts(r.norms),
      affirmedAt: Number(r.affirmed_at),
    }))
  }

  async replaceRatings(
    meetingId: string,
    userId: string,
    ratings: Omit<RatingRow, 'userId'>[],
    at: number,
  ): Promise<void> {
    await inTransaction(this.#pool, async (client) => {
      // Two submissions of one person at once (two tabs, two processes) would each delete what
      // the other has not committed and then collide on the key: the meeting's row takes turns.
      await client.query('SELECT 1 FROM meetings WHERE id = $1 FOR NO KEY UPDATE', [meetingId])
      await client.query('DELETE FROM norm_ratings WHERE meeting_id = $1 AND user_id = $2', [
        meetingId,
        userId,
      ])
      if (ratings.length === 0) return
      await client.query(
        `INSERT INTO norm_ratings (meeting_id, user_id, norm_id, norm_text, rating, comment, rated_at)
         SELECT $1, $2, r.norm_id, r.norm_text, r.rating, r.comment, $3
         FROM unnest($4::text[], $5::text[], $6::integer[], $7::text[])
           AS r (norm_id, norm_text, rating, comment)`,
        [
          meetingId,
          userId,
          at,
          ratings.map((r) => r.normId),
          ratings.map((r) => r.normText),
          ratings.map((r) => r.rating),
          ratings.map((r) => r.comment),
        ],
      )
    })
  }

  async ratings(meetingId: string): Promise<RatingRow[]> {
    const { rows } = await this.#pool.query<{
      user_id: string
      norm_id: string
      norm_text: string
      rating: number
      comment: string | null
    }>('SELECT user_id, norm_id, norm_text, rating, comment FROM norm_ratings WHERE meeting_id = $1', [
      meetingId,
    ])
    return rows.map((r) => ({
      userId: r.user_id,
      normId: r.norm_id,
      normText: r.norm_text,
      rating: r.rating,
      comment: r.comment,
    }))
  }

  async trend(communityId: string): Promise<TrendPoint[]> {
    // avg() is NUMERIC and count() BIGINT (both strings from pg). COLLATE "C" orders and picks
    // texts by code point, as SQLite does, whatever the database's locale.
    const { rows } = await this.#pool.query<{
      meeting_id: string
      title: string
      starts_at: string
      norm_id: string
      norm_text: string
      average: string
      count: string
    }>(
      `SELECT m.id AS meeting_id, m.title, m.starts_at, r.norm_id,
         max(r.norm_text COLLATE "C") AS norm_text, avg(r.rating) AS average, count(*) AS count
       FROM norm_ratings r JOIN meetings m ON m.id = r.meeting_id
       WHERE m.community_id = $1
       GROUP BY m.id, r.norm_id ORDER BY m.starts_at, r.norm_id COLLATE "C"`,
      [communityId],
    )
    return rows.map((r) => ({
      meetingId: r.meeting_id,
      title: r.title,
      startsAt: Number(r.starts_at),
      normId: r.norm_id,
      normText: r.norm_text,
      average: Number(r.average),
      count: Number(r.count),
    }))
  }
}

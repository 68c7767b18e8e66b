import { type Protocol, ProtocolSchema } from '@confer/protocols'
import type { Pool } from 'pg'
import type { ProtocolStore } from '../protocol-store.ts'

/** Rows that no longer parse (a future schema, a bad edit) are skipped rather than served. */
function parse(body: string): Protocol | null {
  try {
    const result = ProtocolSchema.safeParse(JSON.parse(body))
    return result.success ? result.data : null
  } catch {
    return null
  }
}

export class PostgresProtocolStore implements ProtocolStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async save(communityId: string, protocol: Protocol, userId: string, at: number): Promise<void> {
    // An id another community holds is left alone rather than taken over.
    await this.#pool.query(
      `INSERT INTO community_protocols (id, community_id, body, created_by, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
       WHERE community_protocols.community_id = excluded.community_id`,
      [protocol.id, communityId, JSON.stringify(protocol), userId, at],
    )
  }

  async ofCommunity(communityId: string): Promise<Protocol[]> {
    const { rows } = await this.#pool.query<{ body: string }>(
      'SELECT body FROM community_protocols WHERE community_id = $1 ORDER BY updated_at DESC',
      [communityId],
    )
    return rows.map((r) => parse(r.body)).filter((p): p is Protocol => p !== null)
  }

  async find(communityId: string, id: string): Promise<Protocol | null> {
    const { rows } = await this.#pool.query<{ body: string }>(
      'SELECT body FROM community_protocols WHERE community_id = $1 AND id = $2',
      [communityId, id],
    )
    return rows[0] ? parse(rows[0].body) : null
  }

  async remove(communityId: string, id: string): Promise<boolean> {
    const result = await this.#pool.query(
      'DELETE FROM community_protocols WHERE community_id = $1 AND id = $2',
      [communityId, id],
    )
    return result.rowCount === 1
  }
}

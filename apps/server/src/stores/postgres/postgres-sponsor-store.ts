import type { Pool } from 'pg'
import type { SponsorInviteRecord, SponsorStore } from '../sponsor-store.ts'

export class PostgresSponsorStore implements SponsorStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async insertSponsorInvite(i: SponsorInviteRecord): Promise<void> {
    await this.#pool.query(
      'INSERT INTO sponsor_invites (code_hash, network_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [i.codeHash, i.networkId, i.createdBy, i.createdAt, i.expiresAt],
    )
  }

  async sponsorInvite(
    codeHash: string,
  ): Promise<{ networkId: string; expiresAt: number; invitedByName: string | null } | null> {
    const { rows } = await this.#pool.query<{ network_id: string; expires_at: string; name: string | null }>(
      `SELECT i.network_id, i.expires_at, u.name FROM sponsor_invites i
       LEFT JOIN users u ON u.id = i.created_by WHERE i.code_hash = $1`,
      [codeHash],
    )
    const row = rows[0]
    return row
      ? { networkId: row.network_id, expiresAt: Number(row.expires_at), invitedByName: row.name }
      : null
  }

  async addSponsor(networkId: string, userId: string, at: number): Promise<boolean> {
    const { rowCount } = await this.#pool.query(
      `INSERT INTO network_sponsors (network_id, user_id, added_at) VALUES ($1, $2, $3)
       ON CONFLICT (network_id, user_id) DO NOTHING`,
      [networkId, userId, at],
    )
    return rowCount === 1
  }

  async isSponsor(networkId: string, userId: string): Promise<boolean> {
    const { rowCount } = await this.#pool.query(
      'SELECT 1 FROM network_sponsors WHERE network_id = $1 AND user_id = $2',
      [networkId, userId],
    )
    return rowCount === 1
  }

  async sponsoredBy(userId: string): Promise<{ id: string; name: string }[]> {
    // Names ordered as SQLite's NOCASE does: ASCII letters without case, everything else by code point.
    const { rows } = await this.#pool.query<{ id: string; name: string }>(
      `SELECT n.id, n.name FROM network_sponsors s JOIN networks n ON n.id = s.network_id
       WHERE s.user_id = $1 ORDER BY lower(n.name COLLATE "C"), n.id`,
      [userId],
    )
    return rows
  }

  async sponsorsCommunity(communityId: string, userId: string): Promise<boolean> {
    const { rowCount } = await this.#pool.query(
      `SELECT 1 FROM network_communities nc
       JOIN network_sponsors s ON s.network_id = nc.network_id AND s.user_id = $1
       WHERE nc.community_id = $2 LIMIT 1`,
      [userId, communityId],
    )
    return rowCount === 1
  }
}

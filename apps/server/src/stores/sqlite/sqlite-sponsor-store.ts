import type { DatabaseSync } from 'node:sqlite'
import type { SponsorInviteRecord, SponsorStore } from '../sponsor-store.ts'

export class SqliteSponsorStore implements SponsorStore {
  readonly #db: DatabaseSync

  constructor(db: DatabaseSync) {
    this.#db = db
  }

  async insertSponsorInvite(i: SponsorInviteRecord): Promise<void> {
    this.#db
      .prepare(
        'INSERT INTO sponsor_invites (code_hash, network_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(i.codeHash, i.networkId, i.createdBy, i.createdAt, i.expiresAt)
  }

  async sponsorInvite(
    codeHash: string,
  ): Promise<{ networkId: string; expiresAt: number; invitedByName: string | null } | null> {
    const row = this.#db
      .prepare(
        `SELECT i.network_id, i.expires_at, u.name FROM sponsor_invites i
         LEFT JOIN users u ON u.id = i.created_by WHERE i.code_hash = ?`,
      )
      .get(codeHash) as { network_id: string; expires_at: number; name: string | null } | undefined
    return row ? { networkId: row.network_id, expiresAt: row.expires_at, invitedByName: row.name } : null
  }

  async addSponsor(networkId: string, userId: string, at: number): Promise<boolean> {
    const result = this.#db
      .prepare(
        `INSERT INTO network_sponsors (network_id, user_id, added_at) VALUES (?, ?, ?)
         ON CONFLICT (network_id, user_id) DO NOTHING`,
      )
      .run(networkId, userId, at)
    return result.changes === 1
  }

  async isSponsor(networkId: string, userId: string): Promise<boolean> {
    return (
      this.#db
        .prepare('SELECT 1 FROM network_sponsors WHERE network_id = ? AND user_id = ?')
        .get(networkId, userId) !== undefined
    )
  }

  async sponsoredBy(userId: string): Promise<{ id: string; name: string }[]> {
    return this.#db
      .prepare(
        `SELECT n.id, n.name FROM network_sponsors s JOIN networks n ON n.id = s.network_id
         WHERE s.user_id = ? ORDER BY n.name COLLATE NOCASE, n.id`,
      )
      .all(userId) as unknown as { id: string; name: string }[]
  }

  async sponsorsCommunity(communityId: string, userId: string): Promise<boolean> {
    return (
      this.#db
        .prepare(
          `SELECT 1 FROM network_communities nc
           JOIN network_sponsors s ON s.network_id = nc.network_id AND s.user_id = ?
           WHERE nc.community_id = ? LIMIT 1`,
        )
        .get(userId, communityId) !== undefined
    )
  }
}

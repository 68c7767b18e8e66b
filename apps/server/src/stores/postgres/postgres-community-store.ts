import type { Role } from '@confer/api'
import type { Pool } from 'pg'
import type {
  CommunityRecord,
  CommunityStore,
  InviteRecord,
  MemberRow,
  MembershipRecord,
  NetworkRecord,
} from '../community-store.ts'
import { inTransaction } from './pool.ts'

/** BIGINT columns arrive as strings from pg; these are epoch milliseconds, well within 2^53. */
interface CommunityRow {
  id: string
  name: string
  focus: string
  created_at: string
}
interface InviteRow {
  id: string
  code_hash: string
  community_id: string
  role: Role
  created_by: string
  created_at: string
  expires_at: string
  revoked_at: string | null
}
interface NetworkRow {
  id: string
  name: string
  purpose: string
  created_by: string
  created_at: string
}

const toCommunity = (r: CommunityRow): CommunityRecord => ({
  id: r.id,
  name: r.name,
  focus: r.focus,
  createdAt: Number(r.created_at),
})
const toInvite = (r: InviteRow): InviteRecord => ({
  id: r.id,
  codeHash: r.code_hash,
  communityId: r.community_id,
  role: r.role,
  createdBy: r.created_by,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
  revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
})
const toNetwork = (r: NetworkRow): NetworkRecord => ({
  id: r.id,
  name: r.name,
  purpose: r.purpose,
  createdBy: r.created_by,
  createdAt: Number(r.created_at),
})

/**
 * The sort key of a name, as SQLite's COLLATE NOCASE orders it: ASCII letters folded, then byte
 * order. lower() under the "C" collation folds ASCII only, whatever the database's locale.
 */
const byName = (column: string) => `lower(${column} COLLATE "C")`

export class PostgresCommunityStore implements CommunityStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async insertCommunity(c: CommunityRecord, facilitatorId: string): Promise<void> {
    await inTransaction(this.#pool, async (client) => {
      await client.query('INSERT INTO communities (id, name, focus, created_at) VALUES ($1, $2, $3, $4)', [
        c.id,
        c.name,
        c.focus,
        c.createdAt,
      ])
      await client.query(
        `INSERT INTO memberships (community_id, user_id, role, joined_at) VALUES ($1, $2, 'facilitator', $3)`,
        [c.id, facilitatorId, c.createdAt],
      )
    })
  }

  async communityById(id: string): Promise<CommunityRecord | null> {
    const { rows } = await this.#pool.query<CommunityRow>('SELECT * FROM communities WHERE id = $1', [id])
    return rows[0] ? toCommunity(rows[0]) : null
  }

  async updateCommunity(id: string, changes: { name?: string; focus?: string }): Promise<void> {
    await this.#pool.query(
      'UPDATE communities SET name = coalesce($1, name), focus = coalesce($2, focus) WHERE id = $3',
      [changes.name ?? null, changes.focus ?? null, id],
    )
  }

  async communitiesOf(userId: string): Promise<(CommunityRecord & { role: Role })[]> {
    const { rows } = await this.#pool.query<CommunityRow & { role: Role }>(
      `SELECT c.*, m.role FROM communities c JOIN memberships m ON m.community_id = c.id
       WHERE m.user_id = $1 ORDER BY ${byName('c.name')}, c.id`,
      [userId],
    )
    return rows.map((r) => ({ ...toCommunity(r), role: r.role }))
  }

  async membership(communityId: string, userId: string): Promise<MembershipRecord | null> {
    const { rows } = await this.#pool.query<{ role: Role; joined_at: string }>(
      'SELECT role, joined_at FROM memberships WHERE community_id = $1 AND user_id = $2',
      [communityId, userId],
    )
    const row = rows[0]
    return row ? { communityId, userId, role: row.role, joinedAt: Number(row.joined_at) } : null
  }

  async members(communityId: string): Promise<MemberRow[]> {
    const { rows } = await this.#pool.query<MemberRow>(
      `SELECT u.id AS "userId", u.name, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.community_id = $1
       ORDER BY CASE m.role WHEN 'facilitator' THEN 0 WHEN 'member' THEN 1 ELSE 2 END, ${byName('u.name')}, u.id`,
      [communityId],
    )
    return rows
  }

  async addMember(m: MembershipRecord): Promise<boolean> {
    const result = await this.#pool.query(
      `INSERT INTO memberships (community_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [m.communityId, m.userId, m.role, m.joinedAt],
    )
    return result.rowCount === 1
  }

  async changeRole(
    communityId: string,
    userId: string,
    role: Role | null,
  ): Promise<'ok' | 'not_member' | 'last_facilitator'> {
    return inTransaction(this.#pool, async (client) => {
      // Role changes in one community take turns: two facilitators demoting each other at once
      // would each count two facilitators under READ COMMITTED and leave none.
      await client.query('SELECT 1 FROM communities WHERE id = $1 FOR NO KEY UPDATE', [communityId])
      const current = await client.query<{ role: Role }>(
        'SELECT role FROM memberships WHERE community_id = $1 AND user_id = $2',
        [communityId, userId],
      )
      const currentRole = current.rows[0]?.role
      if (currentRole === undefined) return 'not_member'
      if (currentRole === 'facilitator' && role !== 'facilitator') {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM memberships WHERE community_id = $1 AND role = 'facilitator'`,
          [communityId],
        )
        if ((rows[0]?.n ?? 0) <= 1) return 'last_facilitator'
      }
      if (role === null) {
        await client.query('DELETE FROM memberships WHERE community_id = $1 AND user_id = $2', [
          communityId,
          userId,
        ])
      } else {
        await client.query('UPDATE memberships SET role = $1 WHERE community_id = $2 AND user_id = $3', [
          role,
          communityId,
          userId,
        ])
      }
      return 'ok'
    })
  }

  async insertInvite(i: InviteRecord): Promise<void> {
    await this.#pool.query(
      `INSERT INTO invites (id, code_hash, community_id, role, created_by, created_at, expires_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [i.id, i.codeHash, i.communityId, i.role, i.createdBy, i.createdAt, i.expiresAt, i.revokedAt],
    )
  }

  async inviteByCodeHash(codeHash: string): Promise<InviteRecord | null> {
    const { rows } = await this.#pool.query<InviteRow>('SELECT * FROM invites WHERE code_hash = $1', [
      codeHash,
    ])
    return rows[0] ? toInvite(rows[0]) : null
  }

  async invitesOf(communityId: string, now: number): Promise<InviteRecord[]> {
    const { rows } = await this.#pool.query<InviteRow>(
      `SELECT * FROM invites WHERE community_id = $1 AND revoked_at IS NULL AND expires_at > $2
       ORDER BY created_at DESC`,
      [communityId, now],
    )
    return rows.map(toInvite)
  }

  async revokeInvite(communityId: string, inviteId: string, at: number): Promise<boolean> {
    const result = await this.#pool.query(
      'UPDATE invites SET revoked_at = $1 WHERE id = $2 AND community_id = $3 AND revoked_at IS NULL',
      [at, inviteId, communityId],
    )
    return result.rowCount === 1
  }

  async insertNetwork(n: NetworkRecord, firstCommunityId: string): Promise<void> {
    await inTransaction(this.#pool, async (client) => {
      await client.query(
        'INSERT INTO networks (id, name, purpose, created_by, created_at) VALUES ($1, $2, $3, $4, $5)',
        [n.id, n.name, n.purpose, n.createdBy, n.createdAt],
      )
      await client.query(
        'INSERT INTO network_communities (network_id, community_id, added_at) VALUES ($1, $2, $3)',
        [n.id, firstCommunityId, n.createdAt],
      )
    })
  }

  async networkById(id: string): Promise<NetworkRecord | null> {
    const { rows } = await this.#pool.query<NetworkRow>('SELECT * FROM networks WHERE id = $1', [id])
    return rows[0] ? toNetwork(rows[0]) : null
  }

  async addNetworkCommunity(networkId: string, communityId: string, at: number): Promise<boolean> {
    const result = await this.#pool.query(
      `INSERT INTO network_communities (network_id, community_id, added_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [networkId, communityId, at],
    )
    return result.rowCount === 1
  }

  async networkCommunities(networkId: string): Promise<{ id: string; name: string }[]> {
    const { rows } = await this.#pool.query<{ id: string; name: string }>(
      `SELECT c.id, c.name FROM network_communities nc JOIN communities c ON c.id = nc.community_id
       WHERE nc.network_id = $1 ORDER BY ${byName('c.name')}, c.id`,
      [networkId],
    )
    return rows
  }

  async networksOfCommunity(communityId: string): Promise<{ id: string; name: string }[]> {
    const { rows } = await this.#pool.query<{ id: string; name: string }>(
      `SELECT n.id, n.name FROM network_communities nc JOIN networks n ON n.id = nc.network_id
       WHERE nc.community_id = $1 ORDER BY ${byName('n.name')}, n.id`,
      [communityId],
    )
    return rows
  }

  async networksOfUser(userId: string): Promise<NetworkRecord[]> {
    const { rows } = await this.#pool.query<NetworkRow>(
      `SELECT n.* FROM networks n
       WHERE EXISTS (
         SELECT 1 FROM network_communities nc
         JOIN memberships m ON m.community_id = nc.community_id
         WHERE nc.network_id = n.id AND m.user_id = $1
       )
       ORDER BY ${byName('n.name')}, n.id`,
      [userId],
    )
    return rows.map(toNetwork)
  }

  async insertNetworkInvite(i: {
    codeHash: string
    networkId: string
    createdBy: string
    createdAt: number
    expiresAt: number
  }): Promise<void> {
    await this.#pool.query(
      'INSERT INTO network_invites (code_hash, network_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [i.codeHash, i.networkId, i.createdBy, i.createdAt, i.expiresAt],
    )
  }

  async networkInvite(
    codeHash: string,
  ): Promise<{ networkId: string; expiresAt: number; invitedByName: string | null } | null> {
    const { rows } = await this.#pool.query<{ network_id: string; expires_at: string; name: string | null }>(
      `SELECT i.network_id, i.expires_at, u.name FROM network_invites i
       LEFT JOIN users u ON u.id = i.created_by WHERE i.code_hash = $1`,
      [codeHash],
    )
    const row = rows[0]
    return row
      ? { networkId: row.network_id, expiresAt: Number(row.expires_at), invitedByName: row.name }
      : null
  }

  async sharesNetworkWith(communityId: string, userId: string): Promise<boolean> {
    const { rowCount } = await this.#pool.query(
      `SELECT 1 FROM network_communities host
       JOIN network_communities other ON other.network_id = host.network_id
       JOIN memberships m ON m.community_id = other.community_id AND m.user_id = $1
       WHERE host.community_id = $2 LIMIT 1`,
      [userId, communityId],
    )
    return rowCount === 1
  }
}

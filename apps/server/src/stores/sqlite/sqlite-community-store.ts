import type { DatabaseSync } from 'node:sqlite'
import type { Role } from '@confer/api'
import type {
  CommunityRecord,
  CommunityStore,
  InviteRecord,
  MemberRow,
  MembershipRecord,
  NetworkRecord,
} from '../community-store.ts'
import { transaction } from './transaction.ts'

interface CommunityRow {
  id: string
  name: string
  focus: string
  created_at: number
}
interface InviteRow {
  id: string
  code_hash: string
  community_id: string
  role: Role
  created_by: string
  created_at: number
  expires_at: number
  revoked_at: number | null
}
interface NetworkRow {
  id: string
  name: string
  purpose: string
  created_by: string
  created_at: number
}

const toCommunity = (r: CommunityRow): CommunityRecord => ({
  id: r.id,
  name: r.name,
  focus: r.focus,
  createdAt: r.created_at,
})
const toInvite = (r: InviteRow): InviteRecord => ({
  id: r.id,
  codeHash: r.code_hash,
  communityId: r.community_id,
  role: r.role,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
})
const toNetwork = (r: NetworkRow): NetworkRecord => ({
  id: r.id,
  name: r.name,
  purpose: r.purpose,
  createdBy: r.created_by,
  createdAt: r.created_at,
})

export class SqliteCommunityStore implements CommunityStore {
  readonly #db: DatabaseSync

  constructor(db: DatabaseSync) {
    this.#db = db
  }

  async insertCommunity(c: CommunityRecord, facilitatorId: string): Promise<void> {
    transaction(this.#db, () => {
      this.#db
        .prepare('INSERT INTO communities (id, name, focus, created_at) VALUES (?, ?, ?, ?)')
        .run(c.id, c.name, c.focus, c.createdAt)
      this.#db
        .prepare(
          `INSERT INTO memberships (community_id, user_id, role, joined_at) VALUES (?, ?, 'facilitator', ?)`,
        )
        .run(c.id, facilitatorId, c.createdAt)
    })
  }

  async communityById(id: string): Promise<CommunityRecord | null> {
    const row = this.#db.prepare('SELECT * FROM communities WHERE id = ?').get(id) as CommunityRow | undefined
    return row ? toCommunity(row) : null
  }

  async updateCommunity(id: string, changes: { name?: string; focus?: string }): Promise<void> {
    this.#db
      .prepare('UPDATE communities SET name = coalesce(?, name), focus = coalesce(?, focus) WHERE id = ?')
      .run(changes.name ?? null, changes.focus ?? null, id)
  }

  async communitiesOf(userId: string): Promise<(CommunityRecord & { role: Role })[]> {
    const rows = this.#db
      .prepare(
        `SELECT c.*, m.role FROM communities c JOIN memberships m ON m.community_id = c.id
         WHERE m.user_id = ? ORDER BY c.name COLLATE NOCASE`,
      )
      .all(userId) as unknown as (CommunityRow & { role: Role })[]
    return rows.map((r) => ({ ...toCommunity(r), role: r.role }))
  }

  async membership(communityId: string, userId: string): Promise<MembershipRecord | null> {
    const row = this.#db
      .prepare('SELECT role, joined_at FROM memberships WHERE community_id = ? AND user_id = ?')
      .get(communityId, userId) as { role: Role; joined_at: number } | undefined
    return row ? { communityId, userId, role: row.role, joinedAt: row.joined_at } : null
  }

  async members(communityId: string): Promise<MemberRow[]> {
    return this.#db
      .prepare(
        `SELECT u.id AS userId, u.name, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.community_id = ?
         ORDER BY CASE m.role WHEN 'facilitator' THEN 0 WHEN 'member' THEN 1 ELSE 2 END, u.name COLLATE NOCASE`,
      )
      .all(communityId) as unknown as MemberRow[]
  }

  async addMember(m: MembershipRecord): Promise<boolean> {
    const result = this.#db
      .prepare(
        `INSERT INTO memberships (community_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .run(m.communityId, m.userId, m.role, m.joinedAt)
    return result.changes === 1
  }

  async changeRole(
    communityId: string,
    userId: string,
    role: Role | null,
  ): Promise<'ok' | 'not_member' | 'last_facilitator'> {
    return transaction(this.#db, () => {
      const current = this.#db
        .prepare('SELECT role FROM memberships WHERE community_id = ? AND user_id = ?')
        .get(communityId, userId) as { role: Role } | undefined
      if (!current) return 'not_member'
      if (current.role === 'facilitator' && role !== 'facilitator') {
        const { n } = this.#db
          .prepare(`SELECT count(*) AS n FROM memberships WHERE community_id = ? AND role = 'facilitator'`)
          .get(communityId) as { n: number }
        if (n <= 1) return 'last_facilitator'
      }
      if (role === null) {
        this.#db
          .prepare('DELETE FROM memberships WHERE community_id = ? AND user_id = ?')
          .run(communityId, userId)
      } else {
        this.#db
          .prepare('UPDATE memberships SET role = ? WHERE community_id = ? AND user_id = ?')
          .run(role, communityId, userId)
      }
      return 'ok'
    })
  }

  async insertInvite(i: InviteRecord): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO invites (id, code_hash, community_id, role, created_by, created_at, expires_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(i.id, i.codeHash, i.communityId, i.role, i.createdBy, i.createdAt, i.expiresAt, i.revokedAt)
  }

  async inviteByCodeHash(codeHash: string): Promise<InviteRecord | null> {
    const row = this.#db.prepare('SELECT * FROM invites WHERE code_hash = ?').get(codeHash) as
      | InviteRow
      | undefined
    return row ? toInvite(row) : null
  }

  async invitesOf(communityId: string, now: number): Promise<InviteRecord[]> {
    const rows = this.#db
      .prepare(
        `SELECT * FROM invites WHERE community_id = ? AND revoked_at IS NULL AND expires_at > ?
         ORDER BY created_at DESC`,
      )
      .all(communityId, now) as unknown as InviteRow[]
    return rows.map(toInvite)
  }

  async revokeInvite(communityId: string, inviteId: string, at: number): Promise<boolean> {
    const result = this.#db
      .prepare('UPDATE invites SET revoked_at = ? WHERE id = ? AND community_id = ? AND revoked_at IS NULL')
      .run(at, inviteId, communityId)
    return result.changes === 1
  }

  async insertNetwork(n: NetworkRecord, firstCommunityId: string): Promise<void> {
    transaction(this.#db, () => {
      this.#db
        .prepare('INSERT INTO networks (id, name, purpose, created_by, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(n.id, n.name, n.purpose, n.createdBy, n.createdAt)
      this.#db
        .prepare('INSERT INTO network_communities (network_id, community_id, added_at) VALUES (?, ?, ?)')
        .run(n.id, firstCommunityId, n.createdAt)
    })
  }

  async networkById(id: string): Promise<NetworkRecord | null> {
    const row = this.#db.prepare('SELECT * FROM networks WHERE id = ?').get(id) as NetworkRow | undefined
    return row ? toNetwork(row) : null
  }

  async addNetworkCommunity(networkId: string, communityId: string, at: number): Promise<boolean> {
    const result = this.#db
      .prepare(
        `INSERT INTO network_communities (network_id, community_id, added_at) VALUES (?, ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .run(networkId, communityId, at)
    return result.changes === 1
  }

  async networkCommunities(networkId: string): Promise<{ id: string; name: string }[]> {
    return this.#db
      .prepare(
        `SELECT c.id, c.name FROM network_communities nc JOIN communities c ON c.id = nc.community_id
         WHERE nc.network_id = ? ORDER BY c.name COLLATE NOCASE`,
      )
      .all(networkId) as unknown as { id: string; name: string }[]
  }

  async networksOfCommunity(communityId: string): Promise<{ id: string; name: string }[]> {
    return this.#db
      .prepare(
        `SELECT n.id, n.name FROM network_communities nc JOIN networks n ON n.id = nc.network_id
         WHERE nc.community_id = ? ORDER BY n.name COLLATE NOCASE`,
      )
      .all(communityId) as unknown as { id: string; name: string }[]
  }

  async networksOfUser(userId: string): Promise<NetworkRecord[]> {
    const rows = this.#db
      .prepare(
        `SELECT DISTINCT n.* FROM networks n
         JOIN network_communities nc ON nc.network_id = n.id
         JOIN memberships m ON m.community_id = nc.community_id AND m.user_id = ?
         ORDER BY n.name COLLATE NOCASE`,
      )
      .all(userId) as unknown as NetworkRow[]
    return rows.map(toNetwork)
  }

  async insertNetworkInvite(i: {
    codeHash: string
    networkId: string
    createdBy: string
    createdAt: number
    expiresAt: number
  }): Promise<void> {
    this.#db
      .prepare(
        'INSERT INTO network_invites (code_hash, network_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(i.codeHash, i.networkId, i.createdBy, i.createdAt, i.expiresAt)
  }

  async networkInvite(
    codeHash: string,
  ): Promise<{ networkId: string; expiresAt: number; invitedByName: string | null } | null> {
    const row = this.#db
      .prepare(
        `SELECT i.network_id, i.expires_at, u.name FROM network_invites i
         LEFT JOIN users u ON u.id = i.created_by WHERE i.code_hash = ?`,
      )
      .get(codeHash) as { network_id: string; expires_at: number; name: string | null } | undefined
    return row ? { networkId: row.network_id, expiresAt: row.expires_at, invitedByName: row.name } : null
  }

  async sharesNetworkWith(communityId: string, userId: string): Promise<boolean> {
    const row = this.#db
      .prepare(
        `SELECT 1 FROM network_communities host
         JOIN network_communities other ON other.network_id = host.network_id
         JOIN memberships m ON m.community_id = other.community_id AND m.user_id = ?
         WHERE host.community_id = ? LIMIT 1`,
      )
      .get(userId, communityId)
    return row !== undefined
  }
}

import type { Pool, PoolClient } from 'pg'
import type { AccountStore, CredentialKind, CredentialRecord, UserRecord } from '../account-store.ts'
import { inTransaction } from './pool.ts'

/** BIGINT columns arrive as strings from pg; these are epoch milliseconds, well within 2^53. */
interface UserRow {
  id: string
  email: string
  name: string
  password_hash: string
  created_at: string
}

interface CredentialRow {
  token_hash: string
  user_id: string
  kind: CredentialKind
  created_at: string
  expires_at: string
  revoked_at: string | null
  parent_hash: string | null
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  email: r.email,
  name: r.name,
  passwordHash: r.password_hash,
  createdAt: Number(r.created_at),
})

const toCredential = (r: CredentialRow): CredentialRecord => ({
  tokenHash: r.token_hash,
  userId: r.user_id,
  kind: r.kind,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
  revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  parentHash: r.parent_hash,
})

/**
 * Serialises the writes that must see the whole credential tree (minting from a parent and
 * every revocation), across processes. Under READ COMMITTED a revocation's snapshot would miss a
 * child minted concurrently from a parent it revokes, leaving a live orphan (SPEC A9); SQLite
 * gets this from its single writer. Logins mint without a parent and do not take it.
 */
const CREDENTIAL_TREE_LOCK = 0x636f6e66_0002 // "conf" 2; migrate.ts holds 1

export class PostgresAccountStore implements AccountStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async insertUser(u: UserRecord): Promise<boolean> {
    const result = await this.#pool.query(
      `INSERT INTO users (id, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (email) DO NOTHING`,
      [u.id, u.email, u.name, u.passwordHash, u.createdAt],
    )
    return result.rowCount === 1
  }

  async userByEmail(email: string): Promise<UserRecord | null> {
    const { rows } = await this.#pool.query<UserRow>('SELECT * FROM users WHERE email = $1', [email])
    return rows[0] ? toUser(rows[0]) : null
  }

  async userById(id: string): Promise<UserRecord | null> {
    const { rows } = await this.#pool.query<UserRow>('SELECT * FROM users WHERE id = $1', [id])
    return rows[0] ? toUser(rows[0]) : null
  }

  async insertCredential(c: CredentialRecord): Promise<boolean> {
    const insert = (db: Pool | PoolClient) =>
      db.query(
        `INSERT INTO sessions (token_hash, user_id, kind, created_at, expires_at, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [c.tokenHash, c.userId, c.kind, c.createdAt, c.expiresAt, c.revokedAt],
      )
    const { parentHash } = c
    if (parentHash === null) {
      await insert(this.#pool)
      return true
    }
    return inTransaction(this.#pool, async (client) => {
      await lockCredentialTree(client)
      // Checked under the lock: a parent revoked between the request's authentication and this
      // insert (a logout racing a mint) leaves no orphan behind.
      const live = await client.query('SELECT 1 FROM sessions WHERE token_hash = $1 AND revoked_at IS NULL', [
        parentHash,
      ])
      if (live.rowCount === 0) return false
      await insert(client)
      await client.query('INSERT INTO credential_parents (token_hash, parent_hash) VALUES ($1, $2)', [
        c.tokenHash,
        parentHash,
      ])
      return true
    })
  }

  async credentialByHash(tokenHash: string): Promise<CredentialRecord | null> {
    const { rows } = await this.#pool.query<CredentialRow>(
      `SELECT s.*, p.parent_hash FROM sessions s
       LEFT JOIN credential_parents p ON p.token_hash = s.token_hash WHERE s.token_hash = $1`,
      [tokenHash],
    )
    return rows[0] ? toCredential(rows[0]) : null
  }

  async revokeCredential(tokenHash: string, at: number): Promise<string[]> {
    // The whole tree, including descendants of an already revoked credential: one minted a
    // moment before its parent was revoked must not survive it.
    return this.#revoke(
      `WITH RECURSIVE tree (token_hash) AS (
         SELECT token_hash FROM sessions WHERE token_hash = $1
         UNION
         SELECT p.token_hash FROM credential_parents p JOIN tree t ON p.parent_hash = t.token_hash
       )
       UPDATE sessions SET revoked_at = $2
       WHERE token_hash IN (SELECT token_hash FROM tree) AND revoked_at IS NULL
       RETURNING token_hash`,
      tokenHash,
      at,
    )
  }

  async revokeUserCredentials(userId: string, at: number): Promise<string[]> {
    return this.#revoke(
      `UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2
       RETURNING token_hash`,
      userId,
      at,
    )
  }

  #revoke(sql: string, key: string, at: number): Promise<string[]> {
    return inTransaction(this.#pool, async (client) => {
      await lockCredentialTree(client)
      // This statement's snapshot starts after the lock: it sees every child committed before.
      const { rows } = await client.query<{ token_hash: string }>(sql, [key, at])
      return rows.map((r) => r.token_hash)
    })
  }
}

async function lockCredentialTree(client: PoolClient): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [CREDENTIAL_TREE_LOCK])
}

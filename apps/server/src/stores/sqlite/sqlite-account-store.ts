import type { DatabaseSync } from 'node:sqlite'
import type { AccountStore, CredentialKind, CredentialRecord, UserRecord } from '../account-store.ts'
import { transaction } from './transaction.ts'

interface UserRow {
  id: string
  email: string
  name: string
  password_hash: string
  created_at: number
}

interface CredentialRow {
  token_hash: string
  user_id: string
  kind: CredentialKind
  created_at: number
  expires_at: number
  revoked_at: number | null
  parent_hash: string | null
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  email: r.email,
  name: r.name,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
})

export class SqliteAccountStore implements AccountStore {
  readonly #db: DatabaseSync

  constructor(db: DatabaseSync) {
    this.#db = db
  }

  async insertUser(u: UserRecord): Promise<boolean> {
    const result = this.#db
      .prepare(
        `INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (email) DO NOTHING`,
      )
      .run(u.id, u.email, u.name, u.passwordHash, u.createdAt)
    return result.changes === 1
  }

  async userByEmail(email: string): Promise<UserRecord | null> {
    const row = this.#db.prepare('SELECT * FROM users WHERE email = ?').get(email) as UserRow | undefined
    return row ? toUser(row) : null
  }

  async userById(id: string): Promise<UserRecord | null> {
    const row = this.#db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined
    return row ? toUser(row) : null
  }

  async insertCredential(c: CredentialRecord): Promise<boolean> {
    return transaction(this.#db, () => {
      // The parent is checked inside the transaction: one revoked between the request's
      // authentication and this insert (a logout racing a mint) leaves no orphan behind.
      if (c.parentHash !== null) {
        const live = this.#db
          .prepare('SELECT 1 FROM sessions WHERE token_hash = ? AND revoked_at IS NULL')
          .get(c.parentHash)
        if (!live) return false
      }
      this.#db
        .prepare(
          `INSERT INTO sessions (token_hash, user_id, kind, created_at, expires_at, revoked_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(c.tokenHash, c.userId, c.kind, c.createdAt, c.expiresAt, c.revokedAt)
      if (c.parentHash !== null) {
        this.#db
          .prepare('INSERT INTO credential_parents (token_hash, parent_hash) VALUES (?, ?)')
          .run(c.tokenHash, c.parentHash)
      }
      return true
    })
  }

  async credentialByHash(tokenHash: string): Promise<CredentialRecord | null> {
    const r = this.#db
      .prepare(
        `SELECT s.*, p.parent_hash FROM sessions s
         LEFT JOIN credential_parents p ON p.token_hash = s.token_hash WHERE s.token_hash = ?`,
      )
      .get(tokenHash) as CredentialRow | undefined
    if (!r) return null
    return {
      tokenHash: r.token_hash,
      userId: r.user_id,
      kind: r.kind,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      revokedAt: r.revoked_at,
      parentHash: r.parent_hash,
    }
  }

  async revokeCredential(tokenHash: string, at: number): Promise<string[]> {
    // The whole tree, including descendants of an already revoked credential: one minted a
    // moment before its parent was revoked must not survive it.
    return this.#revoke(
      `WITH RECURSIVE tree (token_hash) AS (
         SELECT token_hash FROM sessions WHERE token_hash = ?
         UNION
         SELECT p.token_hash FROM credential_parents p JOIN tree t ON p.parent_hash = t.token_hash
       )
       UPDATE sessions SET revoked_at = ?
       WHERE token_hash IN (SELECT token_hash FROM tree) AND revoked_at IS NULL
       RETURNING token_hash`,
      tokenHash,
      at,
    )
  }

  async revokeUserCredentials(userId: string, at: number): Promise<string[]> {
    return this.#revoke(
      `UPDATE sessions SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL AND expires_at > ?2
       RETURNING token_hash`,
      userId,
      at,
    )
  }

  #revoke(sql: string, key: string, at: number): string[] {
    const rows = this.#db.prepare(sql).all(key, at) as { token_hash: string }[]
    return rows.map((r) => r.token_hash)
  }
}

import type { DatabaseSync } from 'node:sqlite'
import type { AccountStore, CredentialKind, CredentialRecord, UserRecord } from '../account-store.ts'

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

  async insertCredential(c: CredentialRecord): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO sessions (token_hash, user_id, kind, created_at, expires_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(c.tokenHash, c.userId, c.kind, c.createdAt, c.expiresAt, c.revokedAt)
  }

  async credentialByHash(tokenHash: string): Promise<CredentialRecord | null> {
    const r = this.#db.prepare('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as
      | CredentialRow
      | undefined
    if (!r) return null
    return {
      tokenHash: r.token_hash,
      userId: r.user_id,
      kind: r.kind,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      revokedAt: r.revoked_at,
    }
  }

  async revokeCredential(tokenHash: string, at: number): Promise<void> {
    this.#db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL')
      .run(at, tokenHash)
  }
}

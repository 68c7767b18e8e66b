/** Accounts and their credentials: users, browser sessions and bearer tokens. */
export interface UserRecord {
  id: string
  email: string
  name: string
  passwordHash: string
  createdAt: number
}

export type CredentialKind = 'session' | 'bearer'

export interface CredentialRecord {
  tokenHash: string
  userId: string
  kind: CredentialKind
  createdAt: number
  expiresAt: number
  revokedAt: number | null
  /** The session or token that minted this one, if any (SPEC A9). */
  parentHash: string | null
}

export interface AccountStore {
  /** Inserts a user; returns false when the email is already taken. */
  insertUser(user: UserRecord): Promise<boolean>
  userByEmail(email: string): Promise<UserRecord | null>
  userById(id: string): Promise<UserRecord | null>
  /** Inserts a credential; false (nothing stored) when its parent is revoked or unknown by now. */
  insertCredential(credential: CredentialRecord): Promise<boolean>
  credentialByHash(tokenHash: string): Promise<CredentialRecord | null>
  /**
   * Revokes the credential and every credential minted from it, at any depth; returns the
   * hashes it revoked (those already revoked or unknown are not among them).
   */
  revokeCredential(tokenHash: string, at: number): Promise<string[]>
  /** Revokes every live session and token of a user; returns the hashes it revoked. */
  revokeUserCredentials(userId: string, at: number): Promise<string[]>
}

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
}

export interface AccountStore {
  /** Inserts a user; returns false when the email is already taken. */
  insertUser(user: UserRecord): Promise<boolean>
  userByEmail(email: string): Promise<UserRecord | null>
  userById(id: string): Promise<UserRecord | null>
  insertCredential(credential: CredentialRecord): Promise<void>
  credentialByHash(tokenHash: string): Promise<CredentialRecord | null>
  revokeCredential(tokenHash: string, at: number): Promise<void>
}

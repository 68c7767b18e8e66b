import type { SignupBody, User } from '@confer/api'
import { newId } from '@confer/model'
import type { AccountStore, CredentialKind, UserRecord } from '../stores/account-store.ts'
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts'
import { hashSecret, newSecret } from './secrets.ts'
import { ServiceError } from './service-error.ts'

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000
export const DEFAULT_TOKEN_TTL_MS = 24 * 3600 * 1000

export interface IssuedCredential {
  secret: string
  expiresAt: number
}

const publicUser = (u: UserRecord): User => ({ id: u.id, email: u.email, name: u.name })

/** Sign-up, log-in and the credentials that prove who a request or a socket comes from. */
export class AuthService {
  readonly #accounts: AccountStore
  readonly #now: () => number

  constructor(accounts: AccountStore, now: () => number = Date.now) {
    this.#accounts = accounts
    this.#now = now
  }

  async signup(input: SignupBody): Promise<User> {
    const user: UserRecord = {
      id: newId(),
      email: input.email,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      createdAt: this.#now(),
    }
    if (!(await this.#accounts.insertUser(user))) {
      throw new ServiceError(409, 'email_taken', 'An account with this email already exists. Log in instead.')
    }
    return publicUser(user)
  }

  async login(email: string, password: string): Promise<User> {
    const user = await this.#accounts.userByEmail(email)
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()))
    if (!user || !ok)
      throw new ServiceError(401, 'invalid_credentials', 'That email and password do not match.')
    return publicUser(user)
  }

  /**
   * A new session or bearer token. One minted by another credential (`parent`) records it and
   * expires no later than it (SPEC A9), so a short-lived token cannot mint itself a long life.
   */
  async issue(
    userId: string,
    kind: CredentialKind,
    ttlMs: number,
    parent?: { secret: string; expiresAt: number },
  ): Promise<IssuedCredential> {
    const secret = newSecret()
    const now = this.#now()
    const expiresAt = Math.min(now + ttlMs, parent?.expiresAt ?? Number.POSITIVE_INFINITY)
    const stored = await this.#accounts.insertCredential({
      tokenHash: hashSecret(secret),
      userId,
      kind,
      createdAt: now,
      expiresAt,
      revokedAt: null,
      parentHash: parent ? hashSecret(parent.secret) : null,
    })
    if (!stored) throw new ServiceError(401, 'unauthenticated', 'Log in to continue.')
    return { secret, expiresAt }
  }

  /** The user a session cookie or bearer token belongs to, or null if it is unknown, expired or revoked. */
  async authenticate(secret: string, kind: CredentialKind): Promise<User | null> {
    return (await this.credential(secret, kind))?.user ?? null
  }

  /** As `authenticate`, with when the credential expires (a socket closes then, SPEC A8). */
  async credential(secret: string, kind: CredentialKind): Promise<{ user: User; expiresAt: number } | null> {
    if (secret.length === 0 || secret.length > 200) return null
    const credential = await this.#accounts.credentialByHash(hashSecret(secret))
    if (!credential || credential.kind !== kind) return null
    if (credential.revokedAt !== null || credential.expiresAt <= this.#now()) return null
    const user = await this.#accounts.userById(credential.userId)
    return user ? { user: publicUser(user), expiresAt: credential.expiresAt } : null
  }

  /** Revokes a credential and every one minted from it; returns the hashes revoked. */
  revoke(secret: string): Promise<string[]> {
    return this.#accounts.revokeCredential(hashSecret(secret), this.#now())
  }

  /** "Sign out everywhere": every live session and token of the user; returns the hashes revoked. */
  revokeAll(userId: string): Promise<string[]> {
    return this.#accounts.revokeUserCredentials(userId, this.#now())
  }
}

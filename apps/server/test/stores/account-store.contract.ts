import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { AccountStore, CredentialRecord, UserRecord } from '../../src/stores/account-store.ts'

/** Epoch milliseconds beyond 2^32, as real timestamps are: a 32-bit column would not hold them. */
const NOW = 1_767_225_600_000
const DAY = 86_400_000

/** A user of its own for each test, so tests share one database without seeing each other. */
function newUser(name = 'Ada'): UserRecord {
  const id = randomUUID()
  return { id, email: `${id}@example.test`, name, passwordHash: `scrypt$${id}`, createdAt: NOW }
}

function credential(
  userId: string,
  parentHash: string | null = null,
  changes: Partial<CredentialRecord> = {},
) {
  return {
    tokenHash: `hash-${randomUUID()}`,
    userId,
    kind: parentHash === null ? 'session' : 'bearer',
    createdAt: NOW,
    expiresAt: NOW + DAY,
    revokedAt: null,
    parentHash,
    ...changes,
  } satisfies CredentialRecord
}

/**
 * The behaviour every AccountStore must have. Each engine's test file calls this with a
 * function that gives a store on a migrated database; tests make their own users and
 * credentials with fresh ids, so one database can serve the whole file.
 */
export function accountStoreContract(engine: string, open: () => Promise<AccountStore>): void {
  describe(`${engine} satisfies the account store contract`, () => {
    it('returns a user by email and by id exactly as inserted, times as numbers', async () => {
      const store = await open()
      const user = newUser('Ada Lovelace')
      expect(await store.insertUser(user)).toBe(true)
      expect(await store.userByEmail(user.email)).toEqual(user)
      expect(await store.userById(user.id)).toEqual(user)
    })

    it('refuses a second user with a taken email and keeps the first', async () => {
      const store = await open()
      const first = newUser('First')
      await store.insertUser(first)
      const second = { ...newUser('Second'), email: first.email }
      expect(await store.insertUser(second)).toBe(false)
      expect(await store.userByEmail(first.email)).toEqual(first)
      expect(await store.userById(second.id)).toBeNull()
    })

    it('answers null for an unknown email, id or credential', async () => {
      const store = await open()
      expect(await store.userByEmail(`${randomUUID()}@example.test`)).toBeNull()
      expect(await store.userById(randomUUID())).toBeNull()
      expect(await store.credentialByHash(`hash-${randomUUID()}`)).toBeNull()
    })

    it('returns a session exactly as inserted, with no parent', async () => {
      const store = await open()
      const user = newUser()
      await store.insertUser(user)
      const session = credential(user.id)
      expect(await store.insertCredential(session)).toBe(true)
      expect(await store.credentialByHash(session.tokenHash)).toEqual(session)
    })

    it('[A9] records which live credential minted a token', async () => {
      const store = await open()
      const user = newUser()
      await store.insertUser(user)
      const session = credential(user.id)
      await store.insertCredential(session)
      const token = credential(user.id, session.tokenHash)
      expect(await store.insertCredential(token)).toBe(true)
      expect(await store.credentialByHash(token.tokenHash)).toEqual(token)
    })

    it('[A9] stores nothing minted from a revoked or unknown parent', async () => {
      const store = await open()
      const user = newUser()
      await store.insertUser(user)
      const session = credential(user.id)
      await store.insertCredential(session)
      await store.revokeCredential(session.tokenHash, NOW + 1)
      const fromRevoked = credential(user.id, session.tokenHash)
      const fromUnknown = credential(user.id, `hash-${randomUUID()}`)
      expect(await store.insertCredential(fromRevoked)).toBe(false)
      expect(await store.insertCredential(fromUnknown)).toBe(false)
      expect(await store.credentialByHash(fromRevoked.tokenHash)).toBeNull()
      expect(await store.credentialByHash(fromUnknown.tokenHash)).toBeNull()
    })

    it('[A9] revoking a credential revokes everything minted from it at any depth, and nothing else', async () => {
      const store = await open()
      const user = newUser()
      await store.insertUser(user)
      const laptop = credential(user.id)
      const phone = credential(user.id)
      const token = credential(user.id, laptop.tokenHash)
      const nested = credential(user.id, token.tokenHash)
      const phoneToken = credential(user.id, phone.tokenHash)
      for (const c of [laptop, phone, token, nested, phoneToken]) await store.insertCredential(c)

      const revoked = await store.revokeCredential(laptop.tokenHash, NOW + 5)
      expect(revoked.sort()).toEqual([laptop, token, nested].map((c) => c.tokenHash).sort())
      for (const c of [laptop, token, nested]) {
        expect((await store.credentialByHash(c.tokenHash))?.revokedAt).toBe(NOW + 5)
      }
      for (const c of [phone, phoneToken]) {
        expect((await store.credentialByHash(c.tokenHash))?.revokedAt).toBeNull()
      }
    })

    it('[A9] revoking again returns only what was still live, descendants of a revoked credential included', async () => {
      const store = await open()
      const user = newUser()
      await store.insertUser(user)
      const session = credential(user.id)
      const token = credential(user.id, session.tokenHash)
      const nested = credential(user.id, token.tokenHash)
      for (const c of [session, token, nested]) await store.insertCredential(c)
      expect(await store.revokeCredential(nested.tokenHash, NOW + 1)).toEqual([nested.tokenHash])
      expect(await store.revokeCredential(token.tokenHash, NOW + 2)).toEqual([token.tokenHash])
      expect(await store.revokeCredential(session.tokenHash, NOW + 3)).toEqual([session.tokenHash])
      expect(await store.revokeCredential(session.tokenHash, NOW + 4)).toEqual([])
      expect(await store.revokeCredential(`hash-${randomUUID()}`, NOW + 4)).toEqual([])
      // The first revocation's time stands.
      expect((await store.credentialByHash(nested.tokenHash))?.revokedAt).toBe(NOW + 1)
    })

    it('[A9] "sign out everywhere" revokes every live credential of the user and no one else\'s', async () => {
      const store = await open()
      const user = newUser()
      const other = newUser('Grace')
      await store.insertUser(user)
      await store.insertUser(other)
      const session = credential(user.id)
      const token = credential(user.id, session.tokenHash)
      const expired = credential(user.id, null, { expiresAt: NOW - 1 })
      const alreadyRevoked = credential(user.id)
      const othersSession = credential(other.id)
      for (const c of [session, token, expired, alreadyRevoked, othersSession])
        await store.insertCredential(c)
      await store.revokeCredential(alreadyRevoked.tokenHash, NOW - 5)

      const revoked = await store.revokeUserCredentials(user.id, NOW)
      expect(revoked.sort()).toEqual([session.tokenHash, token.tokenHash].sort())
      expect((await store.credentialByHash(token.tokenHash))?.revokedAt).toBe(NOW)
      expect((await store.credentialByHash(alreadyRevoked.tokenHash))?.revokedAt).toBe(NOW - 5)
      expect((await store.credentialByHash(expired.tokenHash))?.revokedAt).toBeNull()
      expect((await store.credentialByHash(othersSession.tokenHash))?.revokedAt).toBeNull()
      expect(await store.revokeUserCredentials(user.id, NOW + 1)).toEqual([])
    })

    it('[A9] a token minted while its parent is being revoked is refused or revoked, never left live', async () => {
      const store = await open()
      const user = newUser()
      await store.insertUser(user)
      // Rounds one after the other: in parallel, one round's sign-out would revoke the next
      // round's parent before its mint, and the race under test would seldom happen.
      const outcomes: { stored: boolean; child: CredentialRecord | null }[] = []
      for (let i = 0; i < 30; i++) {
        const parent = credential(user.id)
        await store.insertCredential(parent)
        const child = credential(user.id, parent.tokenHash)
        // Half the rounds revoke the parent alone, half sign out everywhere.
        const revoke =
          i % 2 === 0
            ? store.revokeCredential(parent.tokenHash, NOW + 1)
            : store.revokeUserCredentials(user.id, NOW + 1)
        const [stored] = await Promise.all([store.insertCredential(child), revoke])
        outcomes.push({ stored, child: await store.credentialByHash(child.tokenHash) })
      }
      for (const { stored, child } of outcomes) {
        if (stored) expect(child?.revokedAt).not.toBeNull()
        else expect(child).toBeNull()
      }
    })
  })
}

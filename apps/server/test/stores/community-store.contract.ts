import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { AccountStore, UserRecord } from '../../src/stores/account-store.ts'
import type { CommunityRecord, CommunityStore, InviteRecord } from '../../src/stores/community-store.ts'

/** Epoch milliseconds beyond 2^32, as real timestamps are. */
const NOW = 1_767_225_600_000
const DAY = 86_400_000

export interface CommunityStores {
  communities: CommunityStore
  /** Members must exist as users first. */
  accounts: AccountStore
}

/**
 * The behaviour every CommunityStore must have. Each engine's test file calls this with a
 * function that gives stores on a migrated database; tests make their own users and communities
 * with fresh ids, so one database can serve the whole file.
 */
export function communityStoreContract(engine: string, open: () => Promise<CommunityStores>): void {
  async function user(accounts: AccountStore, name: string): Promise<UserRecord> {
    const id = randomUUID()
    const record = { id, email: `${id}@example.test`, name, passwordHash: 'x', createdAt: NOW }
    await accounts.insertUser(record)
    return record
  }

  async function community(
    communities: CommunityStore,
    facilitatorId: string,
    name = 'Team',
  ): Promise<CommunityRecord> {
    const record = { id: randomUUID(), name, focus: 'Reading', createdAt: NOW }
    await communities.insertCommunity(record, facilitatorId)
    return record
  }

  function invite(communityId: string, createdBy: string, changes: Partial<InviteRecord> = {}): InviteRecord {
    return {
      id: randomUUID(),
      codeHash: `code-${randomUUID()}`,
      communityId,
      role: 'member',
      createdBy,
      createdAt: NOW,
      expiresAt: NOW + DAY,
      revokedAt: null,
      ...changes,
    }
  }

  describe(`${engine} satisfies the community store contract`, () => {
    it('creates a community with its creator as facilitator, times as numbers', async () => {
      const { communities, accounts } = await open()
      const ada = await user(accounts, 'Ada')
      const team = await community(communities, ada.id)
      expect(await communities.communityById(team.id)).toEqual(team)
      expect(await communities.membership(team.id, ada.id)).toEqual({
        communityId: team.id,
        userId: ada.id,
        role: 'facilitator',
        joinedAt: NOW,
      })
      expect(await communities.communitiesOf(ada.id)).toEqual([{ ...team, role: 'facilitator' }])
    })

    it('leaves nothing behind when the community cannot get its facilitator', async () => {
      const { communities } = await open()
      const orphan = { id: randomUUID(), name: 'Orphan', focus: '', createdAt: NOW }
      await expect(communities.insertCommunity(orphan, randomUUID())).rejects.toThrow()
      expect(await communities.communityById(orphan.id)).toBeNull()
    })

    it('answers null or nothing for unknown ids', async () => {
      const { communities } = await open()
      const unknown = randomUUID()
      expect(await communities.communityById(unknown)).toBeNull()
      expect(await communities.membership(unknown, unknown)).toBeNull()
      expect(await communities.members(unknown)).toEqual([])
      expect(await communities.communitiesOf(unknown)).toEqual([])
      expect(await communities.networkById(unknown)).toBeNull()
      expect(await communities.inviteByCodeHash(unknown)).toBeNull()
      expect(await communities.networkInvite(unknown)).toBeNull()
    })

    it('changes only the fields given', async () => {
      const { communities, accounts } = await open()
      const ada = await user(accounts, 'Ada')
      const team = await community(communities, ada.id)
      await communities.updateCommunity(team.id, { name: 'Renamed' })
      expect(await communities.communityById(team.id)).toEqual({ ...team, name: 'Renamed' })
      await communities.updateCommunity(team.id, { focus: 'Writing' })
      expect(await communities.communityById(team.id)).toEqual({ ...team, name: 'Renamed', focus: 'Writing' })
      await communities.updateCommunity(team.id, {})
      expect(await communities.communityById(team.id)).toEqual({ ...team, name: 'Renamed', focus: 'Writing' })
    })

    it("lists a user's communities by name, ignoring the case of ASCII letters only", async () => {
      const { communities, accounts } = await open()
      const ada = await user(accounts, 'Ada')
      const bob = await user(accounts, 'Bob')
      const beta = await community(communities, ada.id, 'beta')
      const alpha = await community(communities, bob.id, 'Alpha')
      const gamma = await community(communities, ada.id, 'Gamma')
      const accented = await community(communities, ada.id, 'Émile')
      const zeta = await community(communities, ada.id, 'zeta')
      await communities.addMember({ communityId: alpha.id, userId: ada.id, role: 'observer', joinedAt: NOW })
      // As SQLite's NOCASE: É is not folded and sorts after every ASCII letter.
      expect((await communities.communitiesOf(ada.id)).map((c) => [c.name, c.role])).toEqual([
        [alpha.name, 'observer'],
        [beta.name, 'facilitator'],
        [gamma.name, 'facilitator'],
        [zeta.name, 'facilitator'],
        [accented.name, 'facilitator'],
      ])
    })

    it('lists members facilitators first, then members, then observers, each by name', async () => {
      const { communities, accounts } = await open()
      const zoe = await user(accounts, 'zoe')
      const team = await community(communities, zoe.id)
      const people = {
        amy: await user(accounts, 'Amy'),
        bea: await user(accounts, 'bea'),
        cal: await user(accounts, 'Cal'),
        dan: await user(accounts, 'dan'),
        eve: await user(accounts, 'Eve'),
      }
      const roles = {
        amy: 'observer',
        bea: 'member',
        cal: 'facilitator',
        dan: 'member',
        eve: 'observer',
      } as const
      for (const [key, person] of Object.entries(people)) {
        const role = roles[key as keyof typeof roles]
        expect(
          await communities.addMember({ communityId: team.id, userId: person.id, role, joinedAt: NOW }),
        ).toBe(true)
      }
      expect(await communities.members(team.id)).toEqual([
        { userId: people.cal.id, name: 'Cal', email: people.cal.email, role: 'facilitator' },
        { userId: zoe.id, name: 'zoe', email: zoe.email, role: 'facilitator' },
        { userId: people.bea.id, name: 'bea', email: people.bea.email, role: 'member' },
        { userId: people.dan.id, name: 'dan', email: people.dan.email, role: 'member' },
        { userId: people.amy.id, name: 'Amy', email: people.amy.email, role: 'observer' },
        { userId: people.eve.id, name: 'Eve', email: people.eve.email, role: 'observer' },
      ])
    })

    it('adds a member once and keeps their first role', async () => {
      const { communities, accounts } = await open()
      const ada = await user(accounts, 'Ada')
      const bob = await user(accounts, 'Bob')
      const team = await community(communities, ada.id)
      const joined = { communityId: team.id, userId: bob.id, role: 'member' as const, joinedAt: NOW + 1 }
      expect(await communities.addMember(joined)).toBe(true)
      expect(await communities.addMember({ ...joined, role: 'facilitator', joinedAt: NOW + 2 })).toBe(false)
      expect(await communities.membership(team.id, bob.id)).toEqual(joined)
    })

    it('[A3] changes and removes roles, but never the last facilitator', async () => {
      const { communities, accounts } = await open()
      const ada = await user(accounts, 'Ada')
      const bob = await user(accounts, 'Bob')
      const stranger = await user(accounts, 'Stranger')
      const team = await community(communities, ada.id)
      await communities.addMember({ communityId: team.id, userId: bob.id, role: 'member', joinedAt: NOW })

      expect(await communities.changeRole(team.id, stranger.id, 'member')).toBe('not_member')
      expect(await communities.changeRole(team.id, ada.id, 'member')).toBe('last_facilitator')
      expect(await communities.changeRole(team.id, ada.id, null)).toBe('last_facilitator')
      expect((await communities.membership(team.id, ada.id))?.role).toBe('facilitator')

      expect(await communities.changeRole(team.id, bob.id, 'facilitator')).toBe('ok')
      expect(await communities.changeRole(team.id, ada.id, 'observer')).toBe('ok')
      expect((await communities.membership(team.id, ada.id))?.role).toBe('observer')
      expect(await communities.changeRole(team.id, ada.id, null)).toBe('ok')
      expect(await communities.membership(team.id, ada.id)).toBeNull()
      expect(await communities.communitiesOf(ada.id)).toEqual([])
      expect(await communities.changeRole(team.id, bob.id, 'facilitator')).toBe('ok')
    })

    it('[A3] two facilitators stepping down at the same moment leave one of them facilitator', async () => {
      const { communities, accounts } = await open()
      const rounds = 12
      const outcomes = await Promise.all(
        Array.from({ length: rounds }, async () => {
          const ada = await user(accounts, 'Ada')
          const bob = await user(accounts, 'Bob')
          const team = await community(communities, ada.id)
          await communities.addMember({
            communityId: team.id,
            userId: bob.id,
            role: 'facilitator',
            joinedAt: NOW,
          })
          const results = await Promise.all([
            communities.changeRole(team.id, ada.id, 'member'),
            communities.changeRole(team.id, bob.id, null),
          ])
          const facilitators = (await communities.members(team.id)).filter((m) => m.role === 'facilitator')
          return { results: results.sort(), facilitators: facilitators.length }
        }),
      )
      for (const outcome of outcomes) {
        expect(outcome).toEqual({ results: ['last_facilitator', 'ok'], facilitators: 1 })
      }
    })

    it('lists live invitations newest first and revokes each once, in its own community only', async () => {
      const { communities, accounts } = await open()
      const ada = await user(accounts, 'Ada')
      const team = await community(communities, ada.id)
      const other = await community(communities, ada.id)
      const older = invite(team.id, ada.id, { createdAt: NOW - 2, role: 'observer' })
      const newer = invite(team.id, ada.id, { createdAt: NOW - 1 })
      const expired = invite(team.id, ada.id, { expiresAt: NOW })
      const revoked = invite(team.id, ada.id, { revokedAt: NOW - 1 })
      const elsewhere = invite(other.id, ada.id)
      for (const i of [older, newer, expired, revoked, elsewhere]) await communities.insertInvite(i)

      expect(await communities.inviteByCodeHash(older.codeHash)).toEqual(older)
      expect(await communities.inviteByCodeHash(revoked.codeHash)).toEqual(revoked)
      expect(await communities.invitesOf(team.id, NOW)).toEqual([newer, older])

      expect(await communities.revokeInvite(other.id, older.id, NOW)).toBe(false)
      expect(await communities.revokeInvite(team.id, older.id, NOW + 3)).toBe(true)
      expect(await communities.revokeInvite(team.id, older.id, NOW + 4)).toBe(false)
      expect((await communities.inviteByCodeHash(older.codeHash))?.revokedAt).toBe(NOW + 3)
      expect(await communities.invitesOf(team.id, NOW)).toEqual([newer])
    })

    it('refuses a second invitation with the same code', async () => {
      const { communities, accounts } = await open()
      const ada = await user(accounts, 'Ada')
      const team = await community(communities, ada.id)
      const first = invite(team.id, ada.id)
      await communities.insertInvite(first)
      await expect(
        communities.insertInvite({ ...invite(team.id, ada.id), codeHash: first.codeHash }),
      ).rejects.toThrow()
      expect(await communities.invitesOf(team.id, NOW)).toEqual([first])
    })

    it('creates a network with its first community and adds each community once', async () => {
      const { communities, accounts } = await open()
      const ada = await user(accounts, 'Ada')
      const home = await community(communities, ada.id, 'home')
      const away = await community(communities, ada.id, 'Away')
      const network = {
        id: randomUUID(),
        name: 'District',
        purpose: 'Share',
        createdBy: ada.id,
        createdAt: NOW,
      }
      await communities.insertNetwork(network, home.id)
      expect(await communities.networkById(network.id)).toEqual(network)
      expect(await communities.networkCommunities(network.id)).toEqual([{ id: home.id, name: 'home' }])

      expect(await communities.addNetworkCommunity(network.id, away.id, NOW + 1)).toBe(true)
      expect(await communities.addNetworkCommunity(network.id, away.id, NOW + 2)).toBe(false)
      expect(await communities.networkCommunities(network.id)).toEqual([
        { id: away.id, name: 'Away' },
        { id: home.id, name: 'home' },
      ])
    })

    it("lists a community's and a user's networks by name, each once", async () => {
      const { communities, accounts } = await open()
      const ada = await user(accounts, 'Ada')
      const outsider = await user(accounts, 'Outsider')
      const home = await community(communities, ada.id)
      const second = await community(communities, ada.id)
      const outside = await community(communities, outsider.id)
      const district = { id: randomUUID(), name: 'district', purpose: '', createdBy: ada.id, createdAt: NOW }
      const county = { id: randomUUID(), name: 'County', purpose: '', createdBy: ada.id, createdAt: NOW }
      const elsewhere = {
        id: randomUUID(),
        name: 'Elsewhere',
        purpose: '',
        createdBy: outsider.id,
        createdAt: NOW,
      }
      await communities.insertNetwork(district, home.id)
      await communities.addNetworkCommunity(district.id, second.id, NOW)
      await communities.insertNetwork(county, home.id)
      await communities.insertNetwork(elsewhere, outside.id)

      expect(await communities.networksOfCommunity(home.id)).toEqual([
        { id: county.id, name: 'County' },
        { id: district.id, name: 'district' },
      ])
      // Ada belongs to two communities of the district: it is listed once.
      expect(await communities.networksOfUser(ada.id)).toEqual([county, district])
      expect(await communities.networksOfUser(outsider.id)).toEqual([elsewhere])
    })

    it('G2: finds a network invitation by its code, with when it stops working and who made it', async () => {
      const { communities, accounts } = await open()
      const ada = await user(accounts, 'Ada')
      const home = await community(communities, ada.id)
      const network = { id: randomUUID(), name: 'District', purpose: '', createdBy: ada.id, createdAt: NOW }
      await communities.insertNetwork(network, home.id)
      const codeHash = `code-${randomUUID()}`
      await communities.insertNetworkInvite({
        codeHash,
        networkId: network.id,
        createdBy: ada.id,
        createdAt: NOW,
        expiresAt: NOW + DAY,
      })
      expect(await communities.networkInvite(codeHash)).toEqual({
        networkId: network.id,
        expiresAt: NOW + DAY,
        invitedByName: ada.name,
      })
    })

    it('tells whether a user belongs to a community sharing a network with another', async () => {
      const { communities, accounts } = await open()
      const host = await user(accounts, 'Host')
      const guest = await user(accounts, 'Guest')
      const stranger = await user(accounts, 'Stranger')
      const hosting = await community(communities, host.id)
      const guests = await community(communities, guest.id)
      const strangers = await community(communities, stranger.id)
      const network = { id: randomUUID(), name: 'District', purpose: '', createdBy: host.id, createdAt: NOW }
      await communities.insertNetwork(network, hosting.id)
      expect(await communities.sharesNetworkWith(hosting.id, guest.id)).toBe(false)
      await communities.addNetworkCommunity(network.id, guests.id, NOW)
      expect(await communities.sharesNetworkWith(hosting.id, guest.id)).toBe(true)
      expect(await communities.sharesNetworkWith(hosting.id, host.id)).toBe(true)
      expect(await communities.sharesNetworkWith(hosting.id, stranger.id)).toBe(false)
      expect(await communities.sharesNetworkWith(strangers.id, guest.id)).toBe(false)
    })
  })
}

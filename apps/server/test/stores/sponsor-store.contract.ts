import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { SponsorStore } from '../../src/stores/sponsor-store.ts'
import { aCommunity, aPerson, type StoreWorld } from './store-world.ts'

/** Epoch milliseconds beyond 2^32, as real timestamps are. */
const NOW = 1_767_225_600_000
const DAY = 86_400_000

async function aNetwork(world: StoreWorld, createdBy: string, firstCommunity: string, name: string) {
  const id = randomUUID()
  await world.communities.insertNetwork({ id, name, purpose: '', createdBy, createdAt: NOW }, firstCommunity)
  return id
}

/** The behaviour every SponsorStore must have: sponsors of networks and their invitations. */
export function sponsorStoreContract(
  engine: string,
  open: () => Promise<StoreWorld & { sponsors: SponsorStore }>,
): void {
  describe(`${engine} satisfies the sponsor store contract`, () => {
    it('[PR4] finds a sponsor invitation by its code, with when it stops working and who made it', async () => {
      const { sponsors, ...world } = await open()
      const ada = await aPerson(world, 'Ada')
      const network = await aNetwork(world, ada, await aCommunity(world, ada), 'District')
      const codeHash = `code-${randomUUID()}`
      await sponsors.insertSponsorInvite({
        codeHash,
        networkId: network,
        createdBy: ada,
        createdAt: NOW,
        expiresAt: NOW + DAY,
      })
      expect(await sponsors.sponsorInvite(codeHash)).toEqual({
        networkId: network,
        expiresAt: NOW + DAY,
        invitedByName: 'Ada',
      })
      expect(await sponsors.sponsorInvite(`code-${randomUUID()}`)).toBeNull()
      // One code is one invitation.
      await expect(
        sponsors.insertSponsorInvite({
          codeHash,
          networkId: network,
          createdBy: ada,
          createdAt: NOW,
          expiresAt: NOW,
        }),
      ).rejects.toThrow()
    })

    it('[PR4] makes someone a sponsor once, and lists the networks they sponsor by name', async () => {
      const { sponsors, ...world } = await open()
      const ada = await aPerson(world, 'Ada')
      const principal = await aPerson(world, 'Principal')
      const home = await aCommunity(world, ada)
      const district = await aNetwork(world, ada, home, 'district')
      const county = await aNetwork(world, ada, home, 'County')
      const other = await aNetwork(world, ada, home, 'Other')
      expect(await sponsors.sponsoredBy(principal)).toEqual([])
      expect(await sponsors.addSponsor(district, principal, NOW)).toBe(true)
      expect(await sponsors.addSponsor(district, principal, NOW + 1)).toBe(false)
      expect(await sponsors.addSponsor(county, principal, NOW)).toBe(true)
      expect(await sponsors.sponsoredBy(principal)).toEqual([
        { id: county, name: 'County' },
        { id: district, name: 'district' },
      ])
      expect(await sponsors.isSponsor(district, principal)).toBe(true)
      expect(await sponsors.isSponsor(other, principal)).toBe(false)
      // Facilitating a community of the network does not make one its sponsor.
      expect(await sponsors.isSponsor(district, ada)).toBe(false)
      expect(await sponsors.sponsoredBy(ada)).toEqual([])
    })

    it('[PR4] tells whether someone sponsors a network a community is linked to', async () => {
      const { sponsors, ...world } = await open()
      const ada = await aPerson(world, 'Ada')
      const principal = await aPerson(world, 'Principal')
      const linked = await aCommunity(world, ada)
      const later = await aCommunity(world, ada)
      const unlinked = await aCommunity(world, ada)
      const network = await aNetwork(world, ada, linked, 'District')
      await sponsors.addSponsor(network, principal, NOW)
      expect(await sponsors.sponsorsCommunity(linked, principal)).toBe(true)
      expect(await sponsors.sponsorsCommunity(later, principal)).toBe(false)
      expect(await sponsors.sponsorsCommunity(unlinked, principal)).toBe(false)
      expect(await sponsors.sponsorsCommunity(linked, ada)).toBe(false)
      // A community linked after the sponsor joined is followed too.
      await world.communities.addNetworkCommunity(network, later, NOW)
      expect(await sponsors.sponsorsCommunity(later, principal)).toBe(true)
    })
  })
}

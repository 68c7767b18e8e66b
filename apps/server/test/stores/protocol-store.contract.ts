import { PROTOCOLS, type Protocol } from '@confer/protocols'
import { describe, expect, it } from 'vitest'
import type { ProtocolStore } from '../../src/stores/protocol-store.ts'
import { aCommunity, aPerson, type StoreWorld } from './store-world.ts'

const base = PROTOCOLS[0] as Protocol
const own = (id: string, name: string): Protocol => ({ ...base, id, name })

/** The behaviour every ProtocolStore must have: a community's own copies of protocols. */
export function protocolStoreContract(
  engine: string,
  open: () => Promise<StoreWorld & { protocols: ProtocolStore }>,
): void {
  describe(`${engine} satisfies the protocol store contract`, () => {
    it("keeps a community's protocols, most recently saved first, and gives each back as saved", async () => {
      const { protocols, ...world } = await open()
      const person = await aPerson(world)
      const community = await aCommunity(world, person)
      const first = own(`own-${crypto.randomUUID()}`, 'Our tuning')
      const second = own(`own-${crypto.randomUUID()}`, 'Our consultancy')
      await protocols.save(community, first, person, 1_000)
      await protocols.save(community, second, person, 2_000)
      expect(await protocols.ofCommunity(community)).toStrictEqual([second, first])
      expect(await protocols.find(community, first.id)).toStrictEqual(first)

      const edited = { ...first, purpose: 'Sharper questions' }
      await protocols.save(community, edited, person, 3_000)
      expect(await protocols.ofCommunity(community)).toStrictEqual([edited, second])
    })

    it('never shows, overwrites or removes a protocol of another community', async () => {
      const { protocols, ...world } = await open()
      const person = await aPerson(world)
      const ours = await aCommunity(world, person)
      const theirs = await aCommunity(world, person)
      const protocol = own(`own-${crypto.randomUUID()}`, 'Theirs')
      await protocols.save(theirs, protocol, person, 1_000)

      expect(await protocols.ofCommunity(ours)).toEqual([])
      expect(await protocols.find(ours, protocol.id)).toBeNull()
      await protocols.save(ours, { ...protocol, name: 'Taken over' }, person, 2_000)
      expect(await protocols.find(theirs, protocol.id)).toStrictEqual(protocol)
      expect(await protocols.find(ours, protocol.id)).toBeNull()
      expect(await protocols.remove(ours, protocol.id)).toBe(false)

      expect(await protocols.remove(theirs, protocol.id)).toBe(true)
      expect(await protocols.remove(theirs, protocol.id)).toBe(false)
      expect(await protocols.ofCommunity(theirs)).toEqual([])
    })

    it('serves no protocol that no longer parses', async () => {
      const { protocols, ...world } = await open()
      const person = await aPerson(world)
      const community = await aCommunity(world, person)
      const broken = { ...own(`own-${crypto.randomUUID()}`, 'Broken'), steps: [] }
      await protocols.save(community, broken, person, 1_000)
      expect(await protocols.find(community, broken.id)).toBeNull()
      expect(await protocols.ofCommunity(community)).toEqual([])
    })
  })
}

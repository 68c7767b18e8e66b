import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { CalendarKeyStore } from '../../src/stores/calendar-key-store.ts'
import { aCommunity, aPerson, type StoreWorld } from './store-world.ts'

/** Epoch milliseconds beyond 2^32, as real timestamps are. */
const NOW = 1_767_225_600_000

/** The behaviour every CalendarKeyStore must have: one key hash per community, replaced on rotation. */
export function calendarKeyStoreContract(
  engine: string,
  open: () => Promise<StoreWorld & { calendarKeys: CalendarKeyStore }>,
): void {
  describe(`${engine} satisfies the calendar key store contract`, () => {
    it('[X3] keeps no key for a community until one is made, then the one made', async () => {
      const { calendarKeys, ...world } = await open()
      const ada = await aPerson(world, 'Ada')
      const community = await aCommunity(world, ada)
      expect(await calendarKeys.calendarKey(community)).toBeNull()
      await calendarKeys.replaceCalendarKey({
        communityId: community,
        keyHash: 'hash-one',
        createdBy: ada,
        createdAt: NOW,
      })
      expect(await calendarKeys.calendarKey(community)).toEqual({
        communityId: community,
        keyHash: 'hash-one',
        createdBy: ada,
        createdAt: NOW,
      })
      expect(await calendarKeys.calendarKey(randomUUID())).toBeNull()
    })

    it('[X3] a new key replaces the old one, and each community keeps its own', async () => {
      const { calendarKeys, ...world } = await open()
      const ada = await aPerson(world, 'Ada')
      const grace = await aPerson(world, 'Grace')
      const first = await aCommunity(world, ada, 'First')
      const second = await aCommunity(world, ada, 'Second')
      await calendarKeys.replaceCalendarKey({
        communityId: first,
        keyHash: 'old',
        createdBy: ada,
        createdAt: NOW,
      })
      await calendarKeys.replaceCalendarKey({
        communityId: second,
        keyHash: 'other',
        createdBy: ada,
        createdAt: NOW,
      })
      await calendarKeys.replaceCalendarKey({
        communityId: first,
        keyHash: 'new',
        createdBy: grace,
        createdAt: NOW + 1,
      })
      expect(await calendarKeys.calendarKey(first)).toEqual({
        communityId: first,
        keyHash: 'new',
        createdBy: grace,
        createdAt: NOW + 1,
      })
      expect((await calendarKeys.calendarKey(second))?.keyHash).toBe('other')
    })

    it('[X3] refuses a key for a community that does not exist', async () => {
      const { calendarKeys, ...world } = await open()
      const ada = await aPerson(world, 'Ada')
      await expect(
        calendarKeys.replaceCalendarKey({
          communityId: randomUUID(),
          keyHash: 'orphan',
          createdBy: ada,
          createdAt: NOW,
        }),
      ).rejects.toThrow()
    })
  })
}

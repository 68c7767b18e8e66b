import { describe, expect, it } from 'vitest'
import type { ActionCopyRow, ProgressStore } from '../../src/stores/progress-store.ts'
import { aCommunity, aMeeting, aPerson, type StoreWorld } from './store-world.ts'

const action = (actionId: string, doneAt: number | null) => ({
  actionId,
  text: `Item ${actionId}`,
  ownerId: null,
  due: null,
  done: doneAt !== null,
  fromMeetingId: null,
  doneAt,
})

const sorted = (rows: ActionCopyRow[]) =>
  [...rows].sort((a, b) => a.meetingStartsAt - b.meetingStartsAt || a.actionId.localeCompare(b.actionId))

/** The behaviour every ProgressStore must have: the action index by meeting start. */
export function progressStoreContract(
  engine: string,
  open: () => Promise<StoreWorld & { progress: ProgressStore }>,
): void {
  describe(`${engine} satisfies the progress store contract`, () => {
    it("[PR2] lists every copy of a community's action items with its meeting's start and when it was ticked, and no other community's", async () => {
      const { progress, ...world } = await open()
      const ada = await aPerson(world)
      const community = await aCommunity(world, ada)
      const elsewhere = await aCommunity(world, ada)
      const march = await aMeeting(world, community, { startsAt: Date.UTC(2030, 2, 4, 15) })
      const april = await aMeeting(world, community, { startsAt: Date.UTC(2030, 3, 1, 15) })
      const foreign = await aMeeting(world, elsewhere)
      // Epoch ms beyond 2^32, as real stamps are.
      const ticked = Date.UTC(2030, 2, 20, 9, 30)
      await world.meetings.replaceActions(march.id, community, [action('a', null), action('b', ticked)])
      await world.meetings.replaceActions(april.id, community, [action('a', ticked + 1)])
      await world.meetings.replaceActions(foreign.id, elsewhere, [action('c', null)])
      // Items indexed before the index kept the time: done, time unknown.
      const { doneAt: _, ...older } = action('d', ticked)
      await world.meetings.replaceActions(april.id, community, [action('a', ticked + 1), older])

      expect(sorted(await progress.actionCopies(community))).toEqual([
        { actionId: 'a', done: false, doneAt: null, meetingStartsAt: Date.UTC(2030, 2, 4, 15) },
        { actionId: 'b', done: true, doneAt: ticked, meetingStartsAt: Date.UTC(2030, 2, 4, 15) },
        { actionId: 'a', done: true, doneAt: ticked + 1, meetingStartsAt: Date.UTC(2030, 3, 1, 15) },
        { actionId: 'd', done: true, doneAt: null, meetingStartsAt: Date.UTC(2030, 3, 1, 15) },
      ])
      expect(await progress.actionCopies(await aCommunity(world, ada))).toEqual([])
    })
  })
}

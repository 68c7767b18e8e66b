import { describe, expect, it } from 'vitest'
import type { CharterStore, RatingRow } from '../../src/stores/charter-store.ts'
import { aCommunity, aMeeting, aPerson, type StoreWorld } from './store-world.ts'

type NewRating = Omit<RatingRow, 'userId'>

const rating = (normId: string, value: number, comment: string | null = null): NewRating => ({
  normId,
  normText: `Norm ${normId}`,
  rating: value,
  comment,
})

const byUserAndNorm = (rows: RatingRow[]) =>
  [...rows].sort((a, b) => a.userId.localeCompare(b.userId) || a.normId.localeCompare(b.normId))

/** The behaviour every CharterStore must have: affirmations of norms and meetings' norms checks. */
export function charterStoreContract(
  engine: string,
  open: () => Promise<StoreWorld & { charter: CharterStore }>,
): void {
  describe(`${engine} satisfies the charter store contract`, () => {
    it("[N3] keeps each person's latest affirmation of the community's norms, with its texts", async () => {
      const { charter, ...world } = await open()
      const ada = await aPerson(world)
      const ben = await aPerson(world)
      const community = await aCommunity(world, ada)
      const other = await aCommunity(world, ada)
      await charter.affirm(community, ada, 'v1', ['We listen.'], Date.UTC(2030, 0, 1))
      await charter.affirm(community, ben, 'v1', ['We listen.'], Date.UTC(2030, 0, 2))
      await charter.affirm(
        community,
        ada,
        'v2',
        ['We listen.', 'We start “on time”.'],
        Date.UTC(2030, 1, 3, 4, 5, 6, 7),
      )
      await charter.affirm(other, ben, 'v9', [], 1)

      const affirmations = [...(await charter.affirmations(community))].sort((a, b) =>
        a.userId.localeCompare(b.userId),
      )
      expect(affirmations).toEqual(
        [
          {
            userId: ada,
            version: 'v2',
            norms: ['We listen.', 'We start “on time”.'],
            affirmedAt: Date.UTC(2030, 1, 3, 4, 5, 6, 7),
          },
          { userId: ben, version: 'v1', norms: ['We listen.'], affirmedAt: Date.UTC(2030, 0, 2) },
        ].sort((a, b) => a.userId.localeCompare(b.userId)),
      )
      expect(await charter.affirmations(other)).toEqual([
        { userId: ben, version: 'v9', norms: [], affirmedAt: 1 },
      ])
    })

    it("a resubmitted norms check replaces that person's earlier one and no one else's", async () => {
      const { charter, ...world } = await open()
      const ada = await aPerson(world)
      const ben = await aPerson(world)
      const community = await aCommunity(world, ada)
      const meeting = await aMeeting(world, community)
      await charter.replaceRatings(meeting.id, ada, [rating('listen', 2), rating('start', 3)], 1)
      await charter.replaceRatings(meeting.id, ben, [rating('listen', 5, 'Much better')], 2)
      await charter.replaceRatings(meeting.id, ada, [rating('listen', 4, 'Fixed')], 3)

      expect(byUserAndNorm(await charter.ratings(meeting.id))).toEqual(
        byUserAndNorm([
          { userId: ada, ...rating('listen', 4, 'Fixed') },
          { userId: ben, ...rating('listen', 5, 'Much better') },
        ]),
      )
      await charter.replaceRatings(meeting.id, ada, [], 4)
      expect((await charter.ratings(meeting.id)).map((r) => r.userId)).toEqual([ben])
    })

    it('refuses a rating outside 1 to 5 and keeps the earlier check whole', async () => {
      const { charter, ...world } = await open()
      const ada = await aPerson(world)
      const meeting = await aMeeting(world, await aCommunity(world, ada))
      await charter.replaceRatings(meeting.id, ada, [rating('listen', 3)], 1)
      await expect(
        charter.replaceRatings(meeting.id, ada, [rating('listen', 4), rating('start', 6)], 2),
      ).rejects.toThrow()
      expect(await charter.ratings(meeting.id)).toEqual([{ userId: ada, ...rating('listen', 3) }])
    })

    it('many submissions of one person at once leave exactly one of them', async () => {
      const { charter, ...world } = await open()
      const ada = await aPerson(world)
      const meeting = await aMeeting(world, await aCommunity(world, ada))
      const submissions = Array.from({ length: 8 }, (_, s) =>
        Array.from({ length: 2 + (s % 4) }, (_, n) => rating(`norm-${n}`, 1 + (s % 5), `submission ${s}`)),
      )
      const outcomes = await Promise.allSettled(
        submissions.map((ratings, s) => charter.replaceRatings(meeting.id, ada, ratings, s)),
      )
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([])
      const stored = byUserAndNorm(await charter.ratings(meeting.id))
      const comments = new Set(stored.map((r) => r.comment))
      expect(comments.size).toBe(1)
      const winner = submissions.find((ratings) => ratings[0]?.comment === [...comments][0])
      expect(stored).toEqual(byUserAndNorm((winner ?? []).map((r) => ({ userId: ada, ...r }))))
    })

    it('averages each norm per meeting of the community, oldest meeting first', async () => {
      const { charter, ...world } = await open()
      const ada = await aPerson(world)
      const ben = await aPerson(world)
      const community = await aCommunity(world, ada)
      const march = await aMeeting(world, community, { title: 'March', startsAt: Date.UTC(2030, 2, 1, 15) })
      const feb = await aMeeting(world, community, { title: 'February', startsAt: Date.UTC(2030, 1, 1, 15) })
      const elsewhere = await aMeeting(world, await aCommunity(world, ada))
      await charter.replaceRatings(march.id, ada, [rating('b', 4), rating('a', 2)], 1)
      await charter.replaceRatings(march.id, ben, [rating('b', 5)], 2)
      await charter.replaceRatings(feb.id, ada, [rating('a', 3)], 3)
      await charter.replaceRatings(elsewhere.id, ada, [rating('a', 1)], 4)

      expect(await charter.trend(community)).toEqual([
        {
          meetingId: feb.id,
          title: 'February',
          startsAt: feb.startsAt,
          normId: 'a',
          normText: 'Norm a',
          average: 3,
          count: 1,
        },
        {
          meetingId: march.id,
          title: 'March',
          startsAt: march.startsAt,
          normId: 'a',
          normText: 'Norm a',
          average: 2,
          count: 1,
        },
        {
          meetingId: march.id,
          title: 'March',
          startsAt: march.startsAt,
          normId: 'b',
          normText: 'Norm b',
          average: 4.5,
          count: 2,
        },
      ])
    })
  })
}

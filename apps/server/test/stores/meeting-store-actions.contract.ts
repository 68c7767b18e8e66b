import { randomUUID } from 'node:crypto'
import { expect, it } from 'vitest'
import type { IndexedAction } from '../../src/stores/meeting-store.ts'
import { aCommunity, aMeeting, aPerson, type StoreWorld } from './store-world.ts'

const HOUR = 3_600_000
const MINUTE = 60_000

type NewAction = Omit<IndexedAction, 'meetingId'>

const action = (actionId: string, fields: Partial<NewAction> = {}): NewAction => ({
  actionId,
  text: `Do ${actionId}`,
  ownerId: null,
  due: null,
  done: false,
  fromMeetingId: null,
  ...fields,
})

/**
 * The meeting store contract's cases for the action index (meeting-store.contract.ts runs them
 * inside its describe): open items as they stand, their copies, the next meeting they are carried
 * into, and reindexing.
 */
export function meetingActionIndexCases(open: () => Promise<StoreWorld>): void {
  it('lists open actions once each, as they stand in the latest meeting, due first then by text', async () => {
    const world = await open()
    const person = await aPerson(world)
    const community = await aCommunity(world, person)
    const march = await aMeeting(world, community, { title: 'March', startsAt: Date.UTC(2030, 2, 1) })
    const april = await aMeeting(world, community, { title: 'April', startsAt: Date.UTC(2030, 3, 1) })
    await world.meetings.replaceActions(march.id, community, [
      action('carried', { text: 'Draft rubric', due: '2030-04-15' }),
      action('finished-later', { text: 'Book room' }),
      action('march-only', { text: 'Call parents', ownerId: person }),
    ])
    await world.meetings.replaceActions(april.id, community, [
      action('carried', { text: 'Draft rubric v2', due: '2030-04-15', fromMeetingId: march.id }),
      action('finished-later', { text: 'Book room', done: true, fromMeetingId: march.id }),
      action('april-only', { text: 'Align units', due: '2030-04-10' }),
    ])

    expect(await world.meetings.openActions(community)).toStrictEqual([
      {
        ...action('april-only', { text: 'Align units', due: '2030-04-10' }),
        meetingId: april.id,
        meetingTitle: 'April',
        meetingStartsAt: april.startsAt,
      },
      {
        ...action('carried', { text: 'Draft rubric v2', due: '2030-04-15', fromMeetingId: march.id }),
        meetingId: april.id,
        meetingTitle: 'April',
        meetingStartsAt: april.startsAt,
      },
      {
        ...action('march-only', { text: 'Call parents', ownerId: person }),
        meetingId: march.id,
        meetingTitle: 'March',
        meetingStartsAt: march.startsAt,
      },
    ])
    expect(await world.meetings.openActions(await aCommunity(world, person))).toEqual([])
  })

  it("T2: the next meeting is the community's earliest that has not started and is not cancelled", async () => {
    const world = await open()
    const community = await aCommunity(world, await aPerson(world))
    const now = Date.UTC(2030, 5, 1, 12)
    await aMeeting(world, community, { startsAt: now - HOUR })
    expect(await world.meetings.nextMeeting(community, now)).toBeNull()
    await aMeeting(world, community, { startsAt: now + HOUR, cancelledAt: now - MINUTE })
    const later = await aMeeting(world, community, { startsAt: now + 3 * HOUR })
    const sooner = await aMeeting(world, community, { startsAt: now + 2 * HOUR })
    await aMeeting(world, await aCommunity(world, await aPerson(world)), { startsAt: now + MINUTE })
    expect((await world.meetings.nextMeeting(community, now))?.id).toBe(sooner.id)
    expect((await world.meetings.nextMeeting(community, sooner.startsAt))?.id).toBe(later.id)
  })

  it("T1: reads one meeting's indexed items, and every copy of an item in the community's meetings", async () => {
    const world = await open()
    const community = await aCommunity(world, await aPerson(world))
    const first = await aMeeting(world, community, { startsAt: Date.UTC(2030, 2, 1) })
    const second = await aMeeting(world, community, { startsAt: Date.UTC(2030, 2, 8) })
    const elsewhere = await aCommunity(world, await aPerson(world))
    const foreign = await aMeeting(world, elsewhere)
    await world.meetings.replaceActions(first.id, community, [action('shared'), action('first-only')])
    await world.meetings.replaceActions(second.id, community, [
      action('shared', { done: true, fromMeetingId: first.id, ownerId: 'u1', due: '2030-03-20' }),
    ])
    await world.meetings.replaceActions(foreign.id, elsewhere, [action('shared')])
    expect(await world.meetings.actionsOf(second.id)).toStrictEqual([
      {
        ...action('shared', { done: true, fromMeetingId: first.id, ownerId: 'u1', due: '2030-03-20' }),
        meetingId: second.id,
      },
    ])
    expect(await world.meetings.actionsOf(randomUUID())).toEqual([])
    const copies = await world.meetings.actionCopies(community, ['shared', 'first-only', 'nowhere'])
    expect(copies.map((c) => [c.meetingId, c.actionId, c.done])).toEqual(
      expect.arrayContaining([
        [first.id, 'shared', false],
        [second.id, 'shared', true],
        [first.id, 'first-only', false],
      ]),
    )
    expect(copies).toHaveLength(3)
    expect(copies.find((c) => c.meetingId === second.id)).toStrictEqual({
      ...action('shared', { done: true, fromMeetingId: first.id, ownerId: 'u1', due: '2030-03-20' }),
      meetingId: second.id,
    })
    expect(await world.meetings.actionCopies(community, [])).toEqual([])
  })

  it("T3: lists a person's open items across their communities, each once as its latest copy stands", async () => {
    const world = await open()
    const ada = await aPerson(world, 'Ada')
    const ben = await aPerson(world, 'Ben')
    const grade4 = await aCommunity(world, ada, 'Grade 4')
    const science = await aCommunity(world, ben, 'Science')
    await world.communities.addMember({ communityId: science, userId: ada, role: 'observer', joinedAt: 1 })
    await world.communities.addMember({ communityId: grade4, userId: ben, role: 'member', joinedAt: 1 })
    const left = await aCommunity(world, ben, 'Left behind')
    const march = await aMeeting(world, grade4, { title: 'March', startsAt: Date.UTC(2030, 2, 1) })
    const april = await aMeeting(world, grade4, { title: 'April', startsAt: Date.UTC(2030, 3, 1) })
    const lab = await aMeeting(world, science, { title: 'Lab', startsAt: Date.UTC(2030, 2, 15) })
    const gone = await aMeeting(world, left)
    await world.meetings.replaceActions(march.id, grade4, [
      action('carried', { text: 'Draft rubric', ownerId: ada }),
      action('handed-on', { text: 'Call parents', ownerId: ada }),
      action('done-later', { text: 'Book room', ownerId: ada }),
      action('undated', { text: 'Align units', ownerId: ada }),
    ])
    await world.meetings.replaceActions(april.id, grade4, [
      action('carried', {
        text: 'Draft rubric v2',
        ownerId: ada,
        due: '2030-04-20',
        fromMeetingId: march.id,
      }),
      action('handed-on', { text: 'Call parents', ownerId: ben, fromMeetingId: march.id }),
      action('done-later', { text: 'Book room', ownerId: ada, done: true, fromMeetingId: march.id }),
      action('bens', { text: 'Order books', ownerId: ben }),
    ])
    await world.meetings.replaceActions(lab.id, science, [
      action('lab', { text: 'Set up the lab', ownerId: ada, due: '2030-04-01' }),
    ])
    await world.meetings.replaceActions(gone.id, left, [action('not-mine-any-more', { ownerId: ada })])

    const mine = await world.meetings.openActionsOwnedBy(ada)
    expect(mine).toStrictEqual([
      {
        ...action('lab', { text: 'Set up the lab', ownerId: ada, due: '2030-04-01' }),
        meetingId: lab.id,
        communityId: science,
        communityName: 'Science',
        meetingTitle: 'Lab',
        meetingStartsAt: lab.startsAt,
      },
      {
        ...action('carried', {
          text: 'Draft rubric v2',
          ownerId: ada,
          due: '2030-04-20',
          fromMeetingId: march.id,
        }),
        meetingId: april.id,
        communityId: grade4,
        communityName: 'Grade 4',
        meetingTitle: 'April',
        meetingStartsAt: april.startsAt,
      },
      {
        ...action('undated', { text: 'Align units', ownerId: ada }),
        meetingId: march.id,
        communityId: grade4,
        communityName: 'Grade 4',
        meetingTitle: 'March',
        meetingStartsAt: march.startsAt,
      },
    ])
    expect((await world.meetings.openActionsOwnedBy(ben)).map((a) => a.actionId)).toEqual([
      'handed-on',
      'bens',
    ])
  })

  it("replacing a meeting's actions drops the ones no longer in it", async () => {
    const world = await open()
    const community = await aCommunity(world, await aPerson(world))
    const meeting = await aMeeting(world, community)
    await world.meetings.replaceActions(meeting.id, community, [action('a'), action('b')])
    await world.meetings.replaceActions(meeting.id, community, [action('b', { text: 'Renamed' })])
    const open1 = await world.meetings.openActions(community)
    expect(open1.map((a) => [a.actionId, a.text])).toEqual([['b', 'Renamed']])
    await world.meetings.replaceActions(meeting.id, community, [])
    expect(await world.meetings.openActions(community)).toEqual([])
  })

  it("reindexing one meeting's actions many times at once leaves exactly one of the versions", async () => {
    const world = await open()
    const community = await aCommunity(world, await aPerson(world))
    const meeting = await aMeeting(world, community)
    // Every version shares ids with the others: an interleaving would collide or mix them.
    const versions = Array.from({ length: 8 }, (_, v) =>
      Array.from({ length: 5 + v }, (_, i) => action(`item-${i}`, { text: `v${v} item ${i}` })),
    )
    const outcomes = await Promise.allSettled(
      versions.map((actions) => world.meetings.replaceActions(meeting.id, community, actions)),
    )
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([])
    const texts = (await world.meetings.openActions(community)).map((a) => a.text).sort()
    const matching = versions.filter((actions) => {
      const expected = actions.map((a) => a.text).sort()
      return JSON.stringify(expected) === JSON.stringify(texts)
    })
    expect(matching).toHaveLength(1)
  })
}

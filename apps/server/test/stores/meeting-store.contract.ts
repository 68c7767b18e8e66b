import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { meetingActionIndexCases } from './meeting-store-actions.contract.ts'
import { meetingAttendanceTemplateCases } from './meeting-store-attendance.contract.ts'
import { aCommunity, aMeeting, aPerson, type StoreWorld } from './store-world.ts'

const HOUR = 3_600_000
const MINUTE = 60_000

/**
 * The behaviour every MeetingStore must have: meetings, their action index, attendance and agenda
 * templates. `open` gives the stores over one database, which the tests share (fresh ids each).
 * The action index and the attendance and template cases are in files of their own, run inside
 * this one describe so every engine's test names stay as they were.
 */
export function meetingStoreContract(engine: string, open: () => Promise<StoreWorld>): void {
  describe(`${engine} satisfies the meeting store contract`, () => {
    it('gives a meeting back exactly as it was scheduled, times as epoch ms', async () => {
      const world = await open()
      const community = await aCommunity(world, await aPerson(world))
      const meeting = await aMeeting(world, community, {
        startsAt: Date.UTC(2031, 8, 1, 14, 30, 15, 123),
        createdAt: Date.UTC(2030, 11, 31, 23, 59, 59, 999),
        seriesId: randomUUID(),
        networkGuestRole: 'observer',
        durationMinutes: 45,
      })
      expect(await world.meetings.meetingById(meeting.id)).toStrictEqual(meeting)
      expect(await world.meetings.meetingById(randomUUID())).toBeNull()
    })

    it('refuses a second meeting with the same id', async () => {
      const world = await open()
      const community = await aCommunity(world, await aPerson(world))
      const meeting = await aMeeting(world, community)
      await expect(world.meetings.insertMeeting({ ...meeting, title: 'Again' })).rejects.toThrow()
      expect((await world.meetings.meetingById(meeting.id))?.title).toBe(meeting.title)
    })

    it("lists a community's meetings newest first, and no one else's", async () => {
      const world = await open()
      const person = await aPerson(world)
      const community = await aCommunity(world, person)
      const other = await aCommunity(world, person)
      const early = await aMeeting(world, community, { startsAt: Date.UTC(2030, 2, 1) })
      const late = await aMeeting(world, community, { startsAt: Date.UTC(2030, 2, 8) })
      await aMeeting(world, other)
      expect((await world.meetings.meetingsOf(community)).map((m) => m.id)).toEqual([late.id, early.id])
    })

    it("lists upcoming and running meetings of the person's communities, soonest first, with the community's name", async () => {
      const world = await open()
      const person = await aPerson(world)
      const stranger = await aPerson(world)
      const mine = await aCommunity(world, person, 'Science team')
      const joined = await aCommunity(world, stranger, 'Grade 5')
      await world.communities.addMember({
        communityId: joined,
        userId: person,
        role: 'observer',
        joinedAt: 0,
      })
      const notMine = await aCommunity(world, stranger)
      const now = Date.UTC(2030, 5, 1, 12)
      await aMeeting(world, mine, { startsAt: now - 2 * HOUR, durationMinutes: 60 }) // over
      const running = await aMeeting(world, mine, { startsAt: now - 30 * MINUTE, durationMinutes: 60 })
      const later = await aMeeting(world, joined, { startsAt: now + 2 * HOUR })
      const soon = await aMeeting(world, mine, { startsAt: now + HOUR })
      await aMeeting(world, notMine, { startsAt: now + HOUR })

      const upcoming = await world.meetings.upcomingFor(person, now, 20)
      expect(upcoming.map((m) => m.id)).toEqual([running.id, soon.id, later.id])
      expect(upcoming[2]).toStrictEqual({ ...later, communityName: 'Grade 5' })
      expect((await world.meetings.upcomingFor(person, now, 2)).map((m) => m.id)).toEqual([
        running.id,
        soon.id,
      ])
    })

    it('sets and clears the role network guests get in a meeting', async () => {
      const world = await open()
      const community = await aCommunity(world, await aPerson(world))
      const meeting = await aMeeting(world, community)
      await world.meetings.setNetworkGuestRole(meeting.id, 'member')
      expect((await world.meetings.meetingById(meeting.id))?.networkGuestRole).toBe('member')
      await world.meetings.setNetworkGuestRole(meeting.id, null)
      expect((await world.meetings.meetingById(meeting.id))?.networkGuestRole).toBeNull()
    })

    it('G5: keeps whether a meeting shares the plan, as scheduled and as changed, in every list', async () => {
      const world = await open()
      const person = await aPerson(world)
      const community = await aCommunity(world, person)
      const meeting = await aMeeting(world, community, { networkGuestRole: 'member', sharesPlan: true })
      const other = await aMeeting(world, community)
      expect(await world.meetings.meetingById(meeting.id)).toStrictEqual(meeting)
      expect(await world.meetings.upcomingFor(person, Date.UTC(2030, 0, 1), 20)).toContainEqual({
        ...meeting,
        communityName: 'Grade 4',
      })
      const unshared = await world.meetings.updateMeeting(meeting.id, { sharesPlan: false })
      expect(unshared).toStrictEqual({ ...meeting, sharesPlan: false })
      const shared = await world.meetings.updateMeeting(other.id, { sharesPlan: true })
      expect(await world.meetings.meetingsOf(community)).toContainEqual(shared)
      expect(shared?.sharesPlan).toBe(true)
    })

    it('M1: gives back a cancelled meeting with its cancellation time, in every list', async () => {
      const world = await open()
      const person = await aPerson(world)
      const community = await aCommunity(world, person)
      const cancelledAt = Date.UTC(2030, 5, 1, 9, 15, 30, 456)
      const meeting = await aMeeting(world, community, { startsAt: Date.UTC(2030, 5, 2), cancelledAt })
      expect(await world.meetings.meetingById(meeting.id)).toStrictEqual(meeting)
      expect(await world.meetings.meetingsOf(community)).toStrictEqual([meeting])
      expect(await world.meetings.upcomingFor(person, Date.UTC(2030, 5, 1), 20)).toStrictEqual([
        { ...meeting, communityName: 'Grade 4' },
      ])
    })

    it('M1: changes only the fields given, and gives the meeting back as it now is', async () => {
      const world = await open()
      const community = await aCommunity(world, await aPerson(world))
      const meeting = await aMeeting(world, community, { title: 'Before', durationMinutes: 45 })
      const other = await aMeeting(world, community, { title: 'Untouched' })

      const renamed = await world.meetings.updateMeeting(meeting.id, { title: 'After' })
      expect(renamed).toStrictEqual({ ...meeting, title: 'After' })
      const startsAt = Date.UTC(2031, 0, 5, 8, 0, 0, 1)
      const cancelledAt = Date.UTC(2030, 11, 1, 12)
      const moved = await world.meetings.updateMeeting(meeting.id, {
        startsAt,
        durationMinutes: 8 * 60,
        cancelledAt,
      })
      expect(moved).toStrictEqual({ ...meeting, title: 'After', startsAt, durationMinutes: 480, cancelledAt })
      expect(await world.meetings.meetingById(meeting.id)).toStrictEqual(moved)

      const restored = await world.meetings.updateMeeting(meeting.id, { cancelledAt: null })
      expect(restored?.cancelledAt).toBeNull()
      expect(await world.meetings.updateMeeting(meeting.id, {})).toStrictEqual(restored)
      expect(await world.meetings.meetingById(other.id)).toStrictEqual(other)
      expect(await world.meetings.updateMeeting(randomUUID(), { title: 'Nobody' })).toBeNull()
    })

    it("finds the community's meeting that starts last before a time, leaving out the one asked about", async () => {
      const world = await open()
      const person = await aPerson(world)
      const community = await aCommunity(world, person)
      const other = await aCommunity(world, person)
      const first = await aMeeting(world, community, { startsAt: Date.UTC(2030, 2, 1) })
      const second = await aMeeting(world, community, { startsAt: Date.UTC(2030, 2, 8) })
      await aMeeting(world, other, { startsAt: Date.UTC(2030, 2, 10) })
      const meetings = world.meetings
      expect((await meetings.previousMeeting(community, Date.UTC(2030, 2, 15), 'x'))?.id).toBe(second.id)
      expect((await meetings.previousMeeting(community, Date.UTC(2030, 2, 15), second.id))?.id).toBe(first.id)
      expect(await meetings.previousMeeting(community, first.startsAt, 'x')).toBeNull()
    })

    meetingActionIndexCases(open)
    meetingAttendanceTemplateCases(open)
  })
}

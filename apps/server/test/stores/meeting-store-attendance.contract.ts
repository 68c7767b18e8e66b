import { randomUUID } from 'node:crypto'
import { expect, it } from 'vitest'
import { aCommunity, aMeeting, aPerson, type StoreWorld } from './store-world.ts'

/**
 * The meeting store contract's cases for attendance and agenda templates
 * (meeting-store.contract.ts runs them inside its describe).
 */
export function meetingAttendanceTemplateCases(open: () => Promise<StoreWorld>): void {
  it('marks people present when they open a meeting, and a facilitator’s correction stands', async () => {
    const world = await open()
    const ada = await aPerson(world, 'Ada')
    const ben = await aPerson(world, 'Ben')
    const cy = await aPerson(world, 'Cy')
    const community = await aCommunity(world, ada)
    const meeting = await aMeeting(world, community)
    const byUser = async () =>
      [...(await world.meetings.attendance(meeting.id))].sort((a, b) => a.userId.localeCompare(b.userId))

    await world.meetings.recordPresence(meeting.id, ada, 1)
    await world.meetings.recordPresence(meeting.id, ada, 2)
    await world.meetings.setAttendance(meeting.id, ben, false, 3)
    await world.meetings.recordPresence(meeting.id, ben, 4) // opened it after being marked absent
    await world.meetings.setAttendance(meeting.id, cy, true, 5)
    await world.meetings.setAttendance(meeting.id, cy, false, 6)

    const expected = [
      { userId: ada, present: true, source: 'presence' },
      { userId: ben, present: false, source: 'manual' },
      { userId: cy, present: false, source: 'manual' },
    ].sort((a, b) => a.userId.localeCompare(b.userId))
    expect(await byUser()).toStrictEqual(expected)
    expect(await world.meetings.attendance((await aMeeting(world, community)).id)).toEqual([])
  })

  it("keeps a community's agenda templates, by name ignoring case, and deletes them only from that community", async () => {
    const world = await open()
    const person = await aPerson(world)
    const community = await aCommunity(world, person)
    const other = await aCommunity(world, person)
    const template = (name: string, communityId = community) => ({
      id: randomUUID(),
      communityId,
      name,
      items: JSON.stringify([{ title: name, minutes: 10 }]),
      createdBy: person,
      createdAt: Date.UTC(2030, 1, 2, 3, 4, 5, 6),
    })
    const zebra = template('zebra check-in')
    const upper = template('Data dive')
    const lower = template('book study')
    const elsewhere = template('Another team', other)
    for (const t of [zebra, upper, lower, elsewhere]) await world.meetings.insertTemplate(t)

    expect(await world.meetings.templatesOf(community)).toStrictEqual([lower, upper, zebra])
    expect(await world.meetings.templateById(upper.id)).toStrictEqual(upper)
    expect(await world.meetings.templateById(randomUUID())).toBeNull()
    await expect(world.meetings.insertTemplate({ ...upper, name: 'Copy' })).rejects.toThrow()

    expect(await world.meetings.deleteTemplate(other, upper.id)).toBe(false)
    expect(await world.meetings.deleteTemplate(community, upper.id)).toBe(true)
    expect(await world.meetings.deleteTemplate(community, upper.id)).toBe(false)
    expect((await world.meetings.templatesOf(community)).map((t) => t.name)).toEqual([
      'book study',
      'zebra check-in',
    ])
  })
}

/**
 * Renaming, rescheduling and cancelling a meeting with PATCH /api/meetings/:id (SPEC M1, M2).
 * What those changes announce on the live event stream is in live-events.test.ts.
 */
import type { Meeting, MeetingView } from '@confer/api'
import { describe, expect, it } from 'vitest'
import { f, HOUR, networkGuestOf, patch, schedule } from './meeting-changes-support.ts'

describe('[M1] renaming, rescheduling and cancelling a meeting', () => {
  it('M1: a facilitator changes the fields given; every meeting answer carries cancelledAt', async () => {
    const meeting = await schedule(f.facilitator, f.communityId)
    expect(meeting.cancelledAt).toBeNull()

    const renamed = await patch(f.facilitator, meeting.id, { title: '  Data dig, round 2 ' })
    expect(renamed.status).toBe(200)
    expect(renamed.body.meeting).toEqual({ ...meeting, title: 'Data dig, round 2' })

    const startsAt = new Date(Date.now() + 48 * HOUR).toISOString()
    const moved = await patch(f.facilitator, meeting.id, { startsAt, durationMinutes: 90 })
    expect(moved.body.meeting).toMatchObject({ title: 'Data dig, round 2', startsAt, durationMinutes: 90 })

    const before = Date.now()
    const cancelled = await patch(f.facilitator, meeting.id, { cancelled: true })
    const cancelledAt = cancelled.body.meeting.cancelledAt
    expect(cancelledAt).toBeGreaterThanOrEqual(before)
    expect(cancelledAt).toBeLessThanOrEqual(Date.now())

    // Everyone who can see it sees it cancelled, wherever meetings are listed.
    const view = await f.member.api.get<MeetingView>(`/api/meetings/${meeting.id}`)
    expect(view.body.meeting).toEqual(cancelled.body.meeting)
    const list = await f.observer.api.get<{ meetings: Meeting[] }>(
      `/api/communities/${f.communityId}/meetings`,
    )
    expect(list.body.meetings.find((m) => m.id === meeting.id)?.cancelledAt).toBe(cancelledAt)
    const home = await f.member.api.get<{ upcomingMeetings: Meeting[] }>('/api/me/overview')
    expect(home.body.upcomingMeetings.find((m) => m.id === meeting.id)?.cancelledAt).toBe(cancelledAt)

    // Cancelling again keeps the first time; un-cancelling clears it.
    expect((await patch(f.facilitator, meeting.id, { cancelled: true })).body.meeting.cancelledAt).toBe(
      cancelledAt,
    )
    const restored = await patch(f.facilitator, meeting.id, { cancelled: false })
    expect(restored.body.meeting).toEqual({ ...moved.body.meeting, cancelledAt: null })
  })

  it.each([
    [{}],
    [{ title: 'Fine', extra: true }],
    [{ title: '' }],
    [{ title: '   ' }],
    [{ title: 'x'.repeat(201) }],
    [{ startsAt: 'next tuesday' }],
    [{ startsAt: '2031-03-04T15:00:00' }],
    [{ durationMinutes: 4 }],
    [{ durationMinutes: 481 }],
    [{ durationMinutes: 30.5 }],
    [{ durationMinutes: '60' }],
    [{ cancelled: 'yes' }],
    [{ title: null }],
    [[1, 2]],
  ])('M1: refuses %j with 400 and changes nothing', async (body) => {
    const meeting = await schedule(f.facilitator, f.communityId)
    const res = await patch(f.facilitator, meeting.id, body)
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_request')
    expect(res.body.message.length).toBeGreaterThan(0)
    expect((await f.facilitator.api.get<MeetingView>(`/api/meetings/${meeting.id}`)).body.meeting).toEqual(
      meeting,
    )
  })

  it('M1: members and observers get 403, outsiders and network guests the 404 of an unknown meeting', async () => {
    const meeting = await schedule(f.facilitator, f.communityId)
    for (const person of [f.member, f.observer]) {
      expect(await patch(person, meeting.id, { cancelled: true })).toMatchObject({
        status: 403,
        body: { error: 'forbidden' },
      })
    }
    const guest = await networkGuestOf(f.facilitator, f.communityId, meeting.id)
    const unknown = await patch(f.outsider, 'nosuchmeeting123', { cancelled: true })
    expect(unknown.status).toBe(404)
    for (const person of [f.outsider, guest]) {
      const res = await patch(person, meeting.id, { cancelled: true })
      expect(res.status).toBe(404)
      expect(res.body).toEqual(unknown.body)
    }
    expect((await f.facilitator.api.get<MeetingView>(`/api/meetings/${meeting.id}`)).body.meeting).toEqual({
      ...meeting,
      networkGuestRole: 'observer',
    })
  })
})

describe('[M2] a meeting that has started keeps its start', () => {
  it('M2: moving a started meeting is 409 meeting_started; its title, length and cancellation still change', async () => {
    const meeting = await schedule(f.facilitator, f.communityId, Date.now() - 3 * HOUR)
    const move = await patch(f.facilitator, meeting.id, {
      title: 'Should not stick',
      startsAt: new Date(Date.now() + HOUR).toISOString(),
    })
    expect(move).toMatchObject({ status: 409, body: { error: 'meeting_started' } })
    expect((await f.facilitator.api.get<MeetingView>(`/api/meetings/${meeting.id}`)).body.meeting).toEqual(
      meeting,
    )

    // The same start (a form sending every field) is not a move, even written another way.
    const sameStart = new Date(Date.parse(meeting.startsAt)).toISOString().replace('Z', '+00:00')
    const renamed = await patch(f.facilitator, meeting.id, {
      title: 'Data dig (held)',
      startsAt: sameStart,
      durationMinutes: 120,
      cancelled: true,
    })
    expect(renamed.status).toBe(200)
    expect(renamed.body.meeting).toMatchObject({
      title: 'Data dig (held)',
      startsAt: meeting.startsAt,
      durationMinutes: 120,
      cancelledAt: expect.any(Number),
    })
  })

  it('M2: a meeting not started yet may move into the past', async () => {
    const meeting = await schedule(f.facilitator, f.communityId)
    const startsAt = new Date(Date.now() - 24 * HOUR).toISOString()
    const moved = await patch(f.facilitator, meeting.id, { startsAt })
    expect(moved).toMatchObject({ status: 200, body: { meeting: { startsAt } } })
  })
})

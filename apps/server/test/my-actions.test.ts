import type { MyAction } from '@confer/api'
import { addAction, updateAction } from '@confer/model'
import { describe, expect, it } from 'vitest'
import { createCommunity, signUp } from '../../../test/support/api-client.ts'
import { waitForDoc } from '../../../test/support/collab-clients.ts'
import { openEventStream } from '../../../test/support/live-events.ts'
import {
  acknowledged,
  clientOf,
  DAY,
  facilitator,
  indexed,
  indexOf,
  item,
  member,
  networkGuest,
  open,
  quiet,
  s,
  schedule,
  team,
} from './actions-support.ts'

describe('[T3] my action items', () => {
  it('T3: GET /api/me/actions lists the open items I own across my communities, each once, and nothing of anyone else', async () => {
    // Someone new: every other test gives `member` items of their own.
    const ada = await signUp(s.url, 'Ada Owner')
    const grade5 = await team('Grade 5 team', [ada])
    const science = await createCommunity(ada, 'Science club')
    const left = await team('Team I left', [ada])
    const m1Id = await schedule(grade5, Date.now() - 7 * DAY, 'Grade 5 weekly')
    const m1 = await open(m1Id, ada)
    const mine = addAction(m1, { text: 'Score the exit tickets', ownerId: ada.id, due: '2031-01-10' })
    addAction(m1, { text: 'Call the district', ownerId: facilitator.id })
    addAction(m1, { text: 'Already handed in', ownerId: ada.id, done: true })
    addAction(m1, { text: 'Nobody’s yet' })
    await acknowledged(m1)
    const m2Id = await schedule(grade5, Date.now() + DAY, 'Grade 5 weekly')
    const scienceMeeting = await ada.api.post<{ meeting: { id: string } }>(
      `/api/communities/${science}/meetings`,
      { title: 'Lab day', startsAt: new Date(Date.now() + 2 * DAY).toISOString(), durationMinutes: 45 },
    )
    const labId = scienceMeeting.body.meeting.id
    const lab = await open(labId, ada)
    const undated = addAction(lab, { text: 'Order goggles', ownerId: ada.id })
    await acknowledged(lab)
    const goneId = await schedule(left, Date.now() + DAY)
    const gone = await open(goneId, ada)
    addAction(gone, { text: 'Not mine to see any more', ownerId: ada.id })
    await acknowledged(gone)
    await indexed(goneId, (rows) => rows.length === 1, 'index of the meeting of the team I leave')
    expect((await ada.api.delete(`/api/communities/${left}/members/${ada.id}`)).status).toBe(204)
    await indexed(labId, (rows) => rows.length === 1, 'index of the lab meeting')
    await quiet()

    const res = await ada.api.get<{ actions: MyAction[] }>('/api/me/actions')
    expect(res.status).toBe(200)
    expect(res.body.actions).toEqual([
      {
        communityId: grade5,
        communityName: 'Grade 5 team',
        meetingId: m2Id,
        meetingTitle: 'Grade 5 weekly',
        meetingStartsAt: expect.any(String),
        actionId: mine,
        text: 'Score the exit tickets',
        due: '2031-01-10',
        done: false,
      },
      {
        communityId: science,
        communityName: 'Science club',
        meetingId: labId,
        meetingTitle: 'Lab day',
        meetingStartsAt: expect.any(String),
        actionId: undated,
        text: 'Order goggles',
        due: null,
        done: false,
      },
    ])
    const theirs = await facilitator.api.get<{ actions: MyAction[] }>('/api/me/actions')
    expect(theirs.body.actions.map((a) => a.text)).toContain('Call the district')
    expect(theirs.body.actions.map((a) => a.text)).not.toContain('Score the exit tickets')
  })

  it('T3: ticking an item done from outside the meeting writes every copy and leaves my list', async () => {
    const communityId = await team()
    const firstId = await schedule(communityId, Date.now() - 7 * DAY)
    const m1 = await open(firstId)
    const id = addAction(m1, { text: 'Return the laptops', ownerId: member.id })
    await acknowledged(m1)
    const secondId = await schedule(communityId, Date.now() + DAY)
    const m2 = await open(secondId, facilitator)

    const path = `/api/meetings/${secondId}/actions/${id}`
    expect(await member.api.patch(path, { done: 'yes' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    })
    expect(await member.api.patch(path, { done: true, text: 'x' })).toMatchObject({ status: 400 })
    const ticked = await member.api.patch<{ action: MyAction }>(path, { done: true })
    expect(ticked.status).toBe(200)
    expect(ticked.body.action).toMatchObject({ actionId: id, meetingId: secondId, done: true })
    // Answered once every copy and index agree.
    expect(indexOf(firstId).find((r) => r.action_id === id)?.done).toBe(1)
    expect(indexOf(secondId).find((r) => r.action_id === id)?.done).toBe(1)
    const listed = await member.api.get<{ actions: MyAction[] }>('/api/me/actions')
    expect(listed.body.actions.map((a) => a.actionId)).not.toContain(id)
    for (const doc of [m1, m2])
      await waitForDoc(clientOf(doc), () => item(doc, id)?.done === true, 'done live')

    const reopened = await member.api.patch<{ action: MyAction }>(path, { done: false })
    expect(reopened.body.action.done).toBe(false)
    expect(
      (await member.api.get<{ actions: MyAction[] }>('/api/me/actions')).body.actions.map((a) => a.actionId),
    ).toContain(id)
    expect(
      await member.api.patch(`/api/meetings/${secondId}/actions/noSuchAction0001`, { done: true }),
    ).toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    })
  })
})

describe('[T3] who may tick an item from outside its meeting', () => {
  it('T3: a network guest let in as a member may; one let in as an observer gets 403', async () => {
    const communityId = await team()
    const meetingId = await schedule(communityId, Date.now() + DAY)
    const doc = await open(meetingId)
    const id = addAction(doc, { text: 'Share the unit plan' })
    await acknowledged(doc)
    const guest = await networkGuest(communityId)
    const path = `/api/meetings/${meetingId}/actions/${id}`
    const unknown = await guest.api.patch(`/api/meetings/nosuchmeeting123/actions/${id}`, { done: true })
    // Not let in yet: the same 404 as a meeting that does not exist.
    expect(await guest.api.patch(path, { done: true })).toEqual(unknown)
    expect(
      (await facilitator.api.put(`/api/meetings/${meetingId}/network-access`, { guestRole: 'observer' }))
        .status,
    ).toBe(200)
    expect(await guest.api.patch(path, { done: true })).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    })
    expect(
      (await facilitator.api.put(`/api/meetings/${meetingId}/network-access`, { guestRole: 'member' }))
        .status,
    ).toBe(200)
    expect(await guest.api.patch(path, { done: true })).toMatchObject({
      status: 200,
      body: { action: { done: true } },
    })
    await waitForDoc(clientOf(doc), () => item(doc, id)?.done === true, 'the guest’s tick')
  })
})

describe('[T4] lists follow the documents', () => {
  // Within a second by design (a 300 ms debounce, 700 ms at most), not by a timed assertion.
  it('T4: a tick is announced as an `actions` event, and the community list is current when it arrives', async () => {
    const communityId = await team()
    const firstId = await schedule(communityId, Date.now() - 7 * DAY)
    const m1 = await open(firstId)
    const id = addAction(m1, { text: 'Email the rubric' })
    await acknowledged(m1)
    const secondId = await schedule(communityId, Date.now() + DAY)
    const m2 = await open(secondId)
    const stream = await openEventStream(member.api)
    try {
      expect(stream.status).toBe(200)
      updateAction(m2, id, { done: true })
      await acknowledged(m2)
      await stream.next((e) => e.type === 'actions' && e.meetingId === secondId)
      const list = await member.api.get<{ actions: { actionId: string }[] }>(
        `/api/communities/${communityId}/actions`,
      )
      expect(list.body.actions.map((a) => a.actionId)).not.toContain(id)
      await stream.next((e) => e.type === 'actions' && e.meetingId === firstId)
      expect(indexOf(firstId).find((r) => r.action_id === id)?.done).toBe(1)
    } finally {
      stream.close()
    }
  })
})

import { addAction, readActions, removeAction, updateAction } from '@confer/model'
import { describe, expect, it } from 'vitest'
import { waitForDoc } from '../../../test/support/collab-clients.ts'
import {
  acknowledged,
  clientOf,
  DAY,
  facilitator,
  HOUR,
  indexed,
  item,
  member,
  open,
  quiet,
  s,
  schedule,
  team,
} from './actions-support.ts'

describe('[T1] an action item is one thing in every meeting holding it', () => {
  it('T1: ticking an item done in meeting 2 marks it done in meeting 1: both documents, both indexes, the export', async () => {
    const communityId = await team()
    const first = await schedule(communityId, Date.now() - 7 * DAY)
    const m1 = await open(first)
    const id = addAction(m1, { text: 'Share the rubric', ownerId: member.id })
    await acknowledged(m1)
    const second = await schedule(communityId, Date.now() + DAY)
    const m2 = await open(second, facilitator)
    expect(item(m2, id)).toMatchObject({ text: 'Share the rubric', done: false, fromMeetingId: first })

    updateAction(m2, id, { done: true })
    await acknowledged(m2)
    await waitForDoc(clientOf(m1), () => item(m1, id)?.done === true, 'meeting 1 to show it done')
    await indexed(first, (rows) => rows.some((r) => r.action_id === id && r.done === 1), 'index of meeting 1')
    await indexed(
      second,
      (rows) => rows.some((r) => r.action_id === id && r.done === 1),
      'index of meeting 2',
    )
    const summary = await fetch(`${s.url}/api/meetings/${first}/summary.md`, {
      headers: { authorization: `Bearer ${member.token}` },
    })
    expect(await summary.text()).toContain('- [x] Share the rubric')
    const open1 = await member.api.get<{ actions: { actionId: string }[] }>(
      `/api/communities/${communityId}/actions`,
    )
    expect(open1.body.actions.map((a) => a.actionId)).not.toContain(id)
  })

  it('T1: text, owner and due date changed in any copy reach every other copy', async () => {
    const communityId = await team()
    const first = await schedule(communityId, Date.now() - 14 * DAY)
    const m1 = await open(first)
    const id = addAction(m1, { text: 'Book the library' })
    await acknowledged(m1)
    const second = await schedule(communityId, Date.now() - 7 * DAY)
    const third = await schedule(communityId, Date.now() + DAY)
    const m2 = await open(second)
    const m3 = await open(third, facilitator)
    expect(item(m3, id)?.fromMeetingId).toBe(second)

    updateAction(m1, id, { text: 'Book the library for Friday' })
    await acknowledged(m1)
    for (const doc of [m2, m3]) {
      await waitForDoc(
        clientOf(doc),
        () => item(doc, id)?.text === 'Book the library for Friday',
        'the new text',
      )
    }
    updateAction(m3, id, { ownerId: facilitator.id, due: '2031-02-14' })
    await acknowledged(m3)
    for (const doc of [m1, m2]) {
      await waitForDoc(
        clientOf(doc),
        () => item(doc, id)?.ownerId === facilitator.id && item(doc, id)?.due === '2031-02-14',
        'the new owner and due date',
      )
    }
    await indexed(
      first,
      (rows) =>
        rows.some((r) => r.action_id === id && r.owner_id === facilitator.id && r.due === '2031-02-14'),
      'index of meeting 1',
    )
    // Each copy still says where it came from.
    expect([item(m1, id)?.fromMeetingId, item(m2, id)?.fromMeetingId, item(m3, id)?.fromMeetingId]).toEqual([
      null,
      first,
      second,
    ])
  })

  it('T1: two copies changed at once end the same, with the later change', async () => {
    const communityId = await team()
    const first = await schedule(communityId, Date.now() - 7 * DAY)
    const m1 = await open(first)
    const id = addAction(m1, { text: 'Draft the letter' })
    await acknowledged(m1)
    const m2 = await open(await schedule(communityId, Date.now() + DAY), facilitator)
    const now = Date.now()
    updateAction(m2, id, { text: 'Draft the parent letter' }, now + 1_000)
    updateAction(m1, id, { text: 'Draft a letter' }, now)
    await Promise.all([acknowledged(m1), acknowledged(m2)])
    for (const doc of [m1, m2]) {
      await waitForDoc(
        clientOf(doc),
        () => item(doc, id)?.text === 'Draft the parent letter',
        'the later text',
      )
    }
    await quiet()
    expect([item(m1, id)?.text, item(m2, id)?.text]).toEqual([
      'Draft the parent letter',
      'Draft the parent letter',
    ])
  })

  it('T1: removing an item removes it from that meeting only, and it does not come back', async () => {
    const communityId = await team()
    const first = await schedule(communityId, Date.now() - 7 * DAY)
    const m1 = await open(first)
    const id = addAction(m1, { text: 'Order readers' })
    await acknowledged(m1)
    const second = await schedule(communityId, Date.now() + DAY)
    const m2 = await open(second)
    removeAction(m2, id)
    await acknowledged(m2)
    await indexed(second, (rows) => !rows.some((r) => r.action_id === id), 'index of meeting 2 without it')
    updateAction(m1, id, { text: 'Order the new readers' })
    await acknowledged(m1)
    await indexed(first, (rows) => rows.some((r) => r.text === 'Order the new readers'), 'index of meeting 1')
    await quiet()
    expect(item(m1, id)?.text).toBe('Order the new readers')
    expect(item(m2, id)).toBeUndefined()
  })
})

describe('[T2] items added after the next meeting was scheduled reach it', () => {
  it('T2: an open item added to a past meeting is carried into the earliest meeting not started and not cancelled, and no other', async () => {
    const communityId = await team()
    const past = await schedule(communityId, Date.now() - 7 * DAY)
    const running = await schedule(communityId, Date.now() - HOUR)
    const cancelled = await schedule(communityId, Date.now() + DAY)
    expect((await facilitator.api.patch(`/api/meetings/${cancelled}`, { cancelled: true })).status).toBe(200)
    const next = await schedule(communityId, Date.now() + 2 * DAY)
    const later = await schedule(communityId, Date.now() + 9 * DAY)

    const m1 = await open(past)
    const id = addAction(m1, { text: 'Bring student work', ownerId: member.id, due: '2031-03-01' })
    const finished = addAction(m1, { text: 'Already done', done: true })
    await acknowledged(m1)
    const mNext = await open(next)
    await waitForDoc(clientOf(mNext), () => item(mNext, id) !== undefined, 'the item in the next meeting')
    expect(item(mNext, id)).toEqual({
      id,
      text: 'Bring student work',
      ownerId: member.id,
      due: '2031-03-01',
      done: false,
      fromMeetingId: past,
    })
    await indexed(next, (rows) => rows.some((r) => r.action_id === id), 'index of the next meeting')
    await quiet()
    const [mRunning, mCancelled, mLater] = await Promise.all([open(running), open(cancelled), open(later)])
    for (const doc of [mRunning, mCancelled, mLater]) expect(readActions(doc)).toEqual([])
    expect(item(mNext, finished)).toBeUndefined()

    // Ticked open again: carried too.
    updateAction(m1, finished, { done: false })
    await acknowledged(m1)
    await waitForDoc(clientOf(mNext), () => item(mNext, finished)?.done === false, 'the reopened item')

    // Carrying runs forward only: a later meeting's new item stays there.
    const own = addAction(mLater, { text: 'Plan the field trip' })
    await acknowledged(mLater)
    await indexed(later, (rows) => rows.some((r) => r.action_id === own), 'index of the later meeting')
    await quiet()
    expect(item(mNext, own)).toBeUndefined()
  })
})

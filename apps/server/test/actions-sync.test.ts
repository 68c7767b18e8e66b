import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { MyAction } from '@confer/api'
import { addAction, readActions, removeAction, updateAction } from '@confer/model'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { createCommunity, join, type Person, signUp } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { openEventStream } from '../../../test/support/live-events.ts'
import { until } from '../../../test/support/wait.ts'
import { DATABASE_FILE } from '../src/stores/sqlite/database.ts'
import { type RunningServer, startServer } from './test-server.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

let s: RunningServer
let db: DatabaseSync
let facilitator: Person
let member: Person
const clients: TestClient[] = []

beforeAll(async () => {
  s = await startServer()
  db = new DatabaseSync(path.join(s.dataDir, DATABASE_FILE))
  facilitator = await signUp(s.url, 'Fatima Facilitator')
  member = await signUp(s.url, 'Marcus Member')
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(async () => {
  db.close()
  await s.close()
})

/** A community of its own per test: "the next meeting" depends on every meeting in it. */
async function team(name = 'Grade 5 team', members: Person[] = [member]): Promise<string> {
  const communityId = await createCommunity(facilitator, name)
  for (const person of members) await join(facilitator, communityId, person, 'member')
  return communityId
}

async function schedule(communityId: string, startsAt: number, title = 'Weekly meeting'): Promise<string> {
  const res = await facilitator.api.post<{ meeting: { id: string } }>(
    `/api/communities/${communityId}/meetings`,
    {
      title,
      startsAt: new Date(startsAt).toISOString(),
      durationMinutes: 60,
    },
  )
  expect(res.status).toBe(201)
  return res.body.meeting.id
}

async function open(meetingId: string, who: Person = member): Promise<Y.Doc> {
  const c = connectClient(s.wsUrl, `meeting/${meetingId}`, who.token)
  clients.push(c)
  await waitForSynced(c)
  return c.doc
}

const clientOf = (doc: Y.Doc) => clients.find((c) => c.doc === doc) as TestClient
const acknowledged = (doc: Y.Doc) => waitForAcknowledged(clientOf(doc))
const item = (doc: Y.Doc, id: string) => readActions(doc).find((a) => a.id === id)

interface IndexRow {
  action_id: string
  text: string
  owner_id: string | null
  due: string | null
  done: number
}

/** The action index of one meeting, as the server last wrote it. */
function indexOf(meetingId: string): IndexRow[] {
  return db
    .prepare('SELECT action_id, text, owner_id, due, done FROM action_items WHERE meeting_id = ?')
    .all(meetingId) as unknown as IndexRow[]
}

/** Resolves once the meeting's index satisfies `check`, re-checking as each meeting is indexed. */
function indexed(meetingId: string, check: (rows: IndexRow[]) => boolean, what: string): Promise<void> {
  const events = s.server.services.events
  return until(
    () => check(indexOf(meetingId)),
    (recheck) => {
      events.on('actionsIndexed', recheck)
      return () => events.off('actionsIndexed', recheck)
    },
    what,
  )
}

/** Everything the server has to propagate, carry and index, done (before asserting an absence). */
const quiet = () => s.server.services.actions.settled()

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

/** A member of another community of a network the host community belongs to. */
async function networkGuest(hostCommunity: string): Promise<Person> {
  const otherFacilitator = await signUp(s.url, 'Visiting facilitator')
  const otherCommunity = await createCommunity(otherFacilitator, 'Roosevelt math')
  const network = await facilitator.api.post<{ network: { id: string } }>('/api/networks', {
    name: 'District math network',
    communityId: hostCommunity,
  })
  const invite = await facilitator.api.post<{ code: string }>(
    `/api/networks/${network.body.network.id}/invites`,
  )
  await otherFacilitator.api.post(`/api/network-invites/${invite.body.code}/accept`, {
    communityId: otherCommunity,
  })
  const guest = await signUp(s.url, 'Guest teacher')
  await join(otherFacilitator, otherCommunity, guest, 'member')
  return guest
}

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

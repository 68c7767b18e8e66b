import {
  addAction,
  addAgendaItem,
  BUILT_IN_TEMPLATES,
  itemNotes,
  readActions,
  readAgenda,
  updateAction,
} from '@confer/model'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createCommunity, join, type Person, signUp } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { nextEvent, type RunningServer, startServer } from './test-server.ts'

let s: RunningServer
let facilitator: Person
let member: Person
let communityId: string
const clients: TestClient[] = []

beforeAll(async () => {
  // Index updates follow document stores; a short debounce keeps the test quick.
  s = await startServer({ env: { COMPACTION_DEBOUNCE_MS: '20', COMPACTION_MAX_DEBOUNCE_MS: '100' } })
  facilitator = await signUp(s.url, 'Fatima Facilitator')
  member = await signUp(s.url, 'Marcus Member')
  communityId = await createCommunity(facilitator, 'Grade 5 team')
  await join(facilitator, communityId, member, 'member')
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(() => s.close())

let day = 0
/** Each meeting a week after the previous one, so "the meeting before" is well defined. */
function nextWeek(): string {
  day += 7
  return new Date(Date.UTC(2027, 0, 4 + day, 15, 0)).toISOString()
}

async function schedule(body: Record<string, unknown> = {}): Promise<string> {
  const res = await facilitator.api.post<{ meeting: { id: string } }>(
    `/api/communities/${communityId}/meetings`,
    {
      title: 'Weekly meeting',
      startsAt: nextWeek(),
      durationMinutes: 60,
      ...body,
    },
  )
  expect(res.status).toBe(201)
  return res.body.meeting.id
}

async function open(meetingId: string, who: Person = member): Promise<TestClient> {
  const c = connectClient(s.wsUrl, `meeting/${meetingId}`, who.token)
  clients.push(c)
  await waitForSynced(c)
  return c
}

const indexed = (meetingId: string) => nextEvent(s, 'actionsIndexed', (e) => e.meetingId === meetingId)

describe('carrying action items over', () => {
  it('brings the open items of the previous meeting into the next, exactly once, even when two are created at once', async () => {
    const first = await schedule()
    const tab = await open(first)
    addAction(tab.doc, { text: 'Bring three writing samples', ownerId: member.id, due: '2027-01-20' })
    const finished = addAction(tab.doc, { text: 'Book the library' })
    updateAction(tab.doc, finished, { done: true })
    await waitForAcknowledged(tab)

    const [second, third] = await Promise.all([schedule(), schedule()])
    for (const meetingId of [second, third]) {
      const next = await open(meetingId as string)
      expect(readActions(next.doc)).toEqual([
        {
          id: expect.any(String),
          text: 'Bring three writing samples',
          ownerId: member.id,
          due: '2027-01-20',
          done: false,
          fromMeetingId: expect.any(String),
        },
      ])
    }
  })

  it('lists each open item once on the community page, as it stands in its latest meeting', async () => {
    const meetingId = await schedule()
    const tab = await open(meetingId)
    const done = indexed(meetingId)
    addAction(tab.doc, { text: 'Draft the parent letter', ownerId: facilitator.id })
    await waitForAcknowledged(tab)
    await done
    const res = await member.api.get<{
      actions: { text: string; ownerName: string | null; meetingId: string }[]
    }>(`/api/communities/${communityId}/actions`)
    const letter = res.body.actions.filter((a) => a.text === 'Draft the parent letter')
    expect(letter).toEqual([expect.objectContaining({ ownerName: 'Fatima Facilitator', meetingId })])
    // Carried items appear once, though they live in several meetings.
    expect(res.body.actions.filter((a) => a.text === 'Bring three writing samples')).toHaveLength(1)

    const again = indexed(meetingId)
    const id = readActions(tab.doc).find((a) => a.text === 'Draft the parent letter')?.id as string
    updateAction(tab.doc, id, { done: true })
    await waitForAcknowledged(tab)
    await again
    const after = await member.api.get<{ actions: { text: string }[] }>(
      `/api/communities/${communityId}/actions`,
    )
    expect(after.body.actions.map((a) => a.text)).not.toContain('Draft the parent letter')
  })
})

describe('templates and series', () => {
  it('starts a meeting from a built-in template', async () => {
    const template = BUILT_IN_TEMPLATES.find((t) => t.id === 'builtin-data')
    const tab = await open(await schedule({ templateId: 'builtin-data' }))
    expect(readAgenda(tab.doc).map((i) => [i.title, i.minutes])).toEqual(
      template?.items.map((i) => [i.title, i.minutes]),
    )
  })

  it('saves a meeting’s agenda as a community template and starts another meeting from it', async () => {
    const source = await schedule()
    const tab = await open(source)
    addAgendaItem(tab.doc, { title: 'Celebrations', minutes: 5 })
    await waitForAcknowledged(tab)
    const saved = await member.api.post<{ template: { id: string; items: { title: string }[] } }>(
      `/api/communities/${communityId}/templates`,
      { name: 'Our Monday meeting', meetingId: source },
    )
    expect(saved.status).toBe(201)
    expect(saved.body.template.items.map((i) => i.title)).toEqual(['Notes', 'Celebrations'])
    const listed = await member.api.get<{ templates: { name: string; builtIn: boolean }[] }>(
      `/api/communities/${communityId}/templates`,
    )
    expect(listed.body.templates.filter((t) => !t.builtIn).map((t) => t.name)).toEqual(['Our Monday meeting'])
    const copy = await open(await schedule({ templateId: saved.body.template.id }))
    expect(readAgenda(copy.doc).map((i) => i.title)).toEqual(['Notes', 'Celebrations'])
    // Notes never travel with a template.
    expect(itemNotes(copy.doc, readAgenda(copy.doc)[0]?.id as string)?.length).toBe(0)
  })

  it('refuses a template of another community as unknown', async () => {
    const other = await signUp(s.url, 'Other')
    const otherCommunity = await createCommunity(other, 'Elsewhere')
    const res = await other.api.post(`/api/communities/${otherCommunity}/meetings`, {
      title: 'x',
      startsAt: nextWeek(),
      durationMinutes: 30,
      templateId: 'nosuchtemplate1',
    })
    expect(res).toMatchObject({ status: 404, body: { error: 'not_found' } })
  })

  it('schedules a weekly series that shares a series id', async () => {
    const starts = [nextWeek(), nextWeek(), nextWeek()]
    const res = await facilitator.api.post<{ meetings: { id: string; startsAt: string }[] }>(
      `/api/communities/${communityId}/meetings/series`,
      { title: 'Weekly PLC', durationMinutes: 45, startsAt: starts },
    )
    expect(res.status).toBe(201)
    expect(res.body.meetings.map((m) => m.startsAt)).toEqual(starts.map((iso) => new Date(iso).toISOString()))
    const tooMany = await facilitator.api.post(`/api/communities/${communityId}/meetings/series`, {
      title: 'Forever',
      durationMinutes: 45,
      startsAt: Array.from({ length: 27 }, nextWeek),
    })
    expect(tooMany).toMatchObject({ status: 400, body: { error: 'invalid_request' } })
  })
})

describe('summary.md', () => {
  it('renders agenda, rich notes and action items of a document written by a raw client', async () => {
    const meetingId = await schedule({ title: 'Data day' })
    const tab = await open(meetingId)
    const doc = tab.doc
    doc.transact(() => {
      const first = readAgenda(doc)[0]
      if (!first) throw new Error('no first item')
      const notes = itemNotes(doc, first.id) as Y.XmlFragment
      const heading = new Y.XmlElement('heading')
      heading.setAttribute('level', 1 as unknown as string)
      heading.insert(0, [new Y.XmlText('Warm feedback')])
      const para = new Y.XmlElement('paragraph')
      const text = new Y.XmlText()
      text.insert(0, 'Clear ')
      text.insert(6, 'rubric', { bold: {} })
      text.insert(12, ' see ', {})
      text.insert(17, 'guide', { link: { href: 'https://example.org/guide' } })
      para.insert(0, [text])
      const list = new Y.XmlElement('bulletList')
      for (const item of ['first point', 'second point']) {
        const li = new Y.XmlElement('listItem')
        const p = new Y.XmlElement('paragraph')
        p.insert(0, [new Y.XmlText(item)])
        li.insert(0, [p])
        list.push([li])
      }
      const tasks = new Y.XmlElement('taskList')
      const task = new Y.XmlElement('taskItem')
      task.setAttribute('checked', true as unknown as string)
      const tp = new Y.XmlElement('paragraph')
      tp.insert(0, [new Y.XmlText('share slides')])
      task.insert(0, [tp])
      tasks.insert(0, [task])
      notes.insert(0, [heading, para, list, tasks])
    })
    addAgendaItem(doc, { title: 'Next steps', minutes: 10, ownerId: member.id })
    addAction(doc, { text: 'Email the rubric', ownerId: member.id, due: '2027-03-01' })
    await waitForAcknowledged(tab)

    const res = await fetch(`${s.url}/api/meetings/${meetingId}/summary.md`, {
      headers: { cookie: member.api.cookie ?? '' },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/markdown/)
    const markdown = await res.text()
    expect(markdown).toContain('# Data day\n\nGrade 5 team · ')
    expect(markdown).toContain('## Agenda\n\n1. [ ] Notes\n2. [ ] Next steps (10 min) — Marcus Member')
    expect(markdown).toContain(
      '### 1. Notes\n\n### Warm feedback\n\nClear **rubric** see [guide](https://example.org/guide)\n\n- first point\n- second point\n\n- [x] share slides',
    )
    expect(markdown).toContain('### 2. Next steps\n\n_No notes._')
    expect(markdown).toMatch(
      /## Action items\n\n(- \[ \] .*\n)*- \[ \] Email the rubric — Marcus Member, due 2027-03-01/,
    )
  })

  it('is a 404 for people outside the meeting', async () => {
    const meetingId = await schedule()
    const outsider = await signUp(s.url, 'Stranger')
    expect((await outsider.api.get(`/api/meetings/${meetingId}/summary.md`)).status).toBe(404)
  })
})

describe('attendance', () => {
  const recorded = (meetingId: string) => nextEvent(s, 'attendanceChanged', (e) => e.meetingId === meetingId)
  type Entry = { name: string; present: boolean | null; source: string | null }
  const attendance = async (meetingId: string) =>
    (await facilitator.api.get<{ attendance: Entry[] }>(`/api/meetings/${meetingId}/attendance`)).body
      .attendance

  it('records who opened the meeting, and a facilitator’s correction wins over presence', async () => {
    const meetingId = await schedule()
    const seen = recorded(meetingId)
    await open(meetingId, member)
    await seen
    expect(await attendance(meetingId)).toEqual(
      expect.arrayContaining([
        { userId: member.id, name: 'Marcus Member', role: 'member', present: true, source: 'presence' },
        {
          userId: facilitator.id,
          name: 'Fatima Facilitator',
          role: 'facilitator',
          present: null,
          source: null,
        },
      ]),
    )
    const corrected = await facilitator.api.put(`/api/meetings/${meetingId}/attendance`, {
      userId: member.id,
      present: false,
    })
    expect(corrected.status).toBe(200)
    const again = recorded(meetingId)
    await open(meetingId, member)
    await again
    expect((await attendance(meetingId)).find((a) => a.name === 'Marcus Member')).toMatchObject({
      present: false,
      source: 'manual',
    })
    expect(
      (await member.api.put(`/api/meetings/${meetingId}/attendance`, { userId: member.id, present: true }))
        .status,
    ).toBe(403)
  })
})

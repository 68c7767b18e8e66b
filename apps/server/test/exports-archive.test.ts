import { addGoal } from '@confer/model'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createMeeting, join, type Person, rolesFixture, signUp } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { typeParagraph } from '../../../test/support/notes.ts'
import { download, parseCsv } from './exports-support.ts'
import { type RunningServer, startServer } from './test-server.ts'

let s: RunningServer
let facilitator: Person
let member: Person
let observer: Person
let outsider: Person
/** A member of another community of the network, let into one meeting as an observer. */
let guest: Person
let communityId: string
let fixtureMeeting: string
let openedMeeting: string
const clients: TestClient[] = []

beforeAll(async () => {
  s = await startServer()
  const f = await rolesFixture(s.url, 'Lincoln / science')
  ;({ facilitator, member, observer, outsider, communityId } = f)
  fixtureMeeting = f.meetingId
  const network = await facilitator.api.post<{ network: { id: string } }>('/api/networks', {
    name: 'District science network',
    communityId,
  })
  const invite = await facilitator.api.post<{ code: string }>(
    `/api/networks/${network.body.network.id}/invites`,
  )
  await outsider.api.post(`/api/network-invites/${invite.body.code}/accept`, {
    communityId: f.outsiderCommunityId,
  })
  guest = await signUp(s.url, 'Guest teacher')
  await join(outsider, f.outsiderCommunityId, guest, 'member')
  openedMeeting = await createMeeting(facilitator, communityId, 'Opened to the network')
  const opened = await facilitator.api.put(`/api/meetings/${openedMeeting}/network-access`, {
    guestRole: 'observer',
  })
  expect(opened.status).toBe(200)
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(() => s.close())

async function open(name: string, who: Person = member): Promise<TestClient> {
  const c = connectClient(s.wsUrl, name, who.token)
  clients.push(c)
  await waitForSynced(c)
  return c
}

describe('[X6] the whole community as one zip', () => {
  it('holds every meeting as Markdown, the charter, the plan and the action items, for members and facilitators', async () => {
    const notes = await createMeeting(facilitator, communityId, 'Fractions ../../etc/passwd')
    const tab = await open(`meeting/${notes}`)
    typeParagraph(tab.doc, 'We decided to start with number lines')
    await waitForAcknowledged(tab)
    const twin = await createMeeting(facilitator, communityId, 'Fractions ../../etc/passwd')
    const cancelled = await createMeeting(facilitator, communityId, 'Called off')
    expect((await facilitator.api.patch(`/api/meetings/${cancelled}`, { cancelled: true })).status).toBe(200)
    const starter = await facilitator.api.post(`/api/communities/${communityId}/charter/starter`, {
      starterId: 'starter-essentials',
    })
    expect(starter.status).toBe(204)
    const plan = await open(`community/${communityId}/plan`)
    expect(
      addGoal(plan.doc, { statement: 'Every student explains a fraction on a number line' }),
    ).not.toBeNull()
    await waitForAcknowledged(plan)

    const meetings = [fixtureMeeting, openedMeeting, notes, twin, cancelled]
    for (const who of [member, facilitator]) {
      const res = await download(s.url, `/api/communities/${communityId}/export.zip`, who)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/zip')
      expect(res.headers.get('content-disposition')).toContain('attachment; filename="Lincoln science.zip"')
      // Made as it is read: no length known up front.
      expect(res.headers.get('content-length')).toBeNull()
      const files = unzipSync(res.bytes)
      const names = Object.keys(files)
      for (const name of names) expect(name).toMatch(/^(meetings\/)?[^/\\]+$/)
      const meetingFiles = names.filter((n) => n.startsWith('meetings/'))
      expect(meetingFiles).toHaveLength(meetings.length)
      const text = (name: string) => strFromU8(files[name] ?? new Uint8Array())
      const summaries = meetingFiles.map(text)
      for (const id of meetings) {
        const res = await download(s.url, `/api/meetings/${id}/summary.md`, who)
        expect(summaries).toContain(res.text)
      }
      expect(meetingFiles.filter((n) => n.includes('Fractions .. .. etc passwd'))).toHaveLength(2)
      expect(meetingFiles.some((n) => / \(2\)\.md$/.test(n))).toBe(true)
      expect(meetingFiles.some((n) => n.endsWith('Called off (cancelled).md'))).toBe(true)
      expect(summaries.join('\n')).toContain('We decided to start with number lines')
      expect(text('charter.md')).toMatch(/^# Charter of Lincoln \/ science\n/)
      expect(text('charter.md')).toContain('## Norms\n\n1. ')
      expect(text('plan.md')).toContain('### Goal 1. Every student explains a fraction on a number line')
      expect(parseCsv(text('action-items.csv').replace(/^\uFEFF/, ''))[0]?.[0]).toBe('Action')
      expect(text('README.md')).toContain(`all ${meetings.length} meetings`)
    }
  })

  it('is refused to observers (403) and to anyone outside the community (the same 404)', async () => {
    const path = `/api/communities/${communityId}/export.zip`
    const forbidden = await download(s.url, path, observer)
    expect(forbidden.status).toBe(403)
    expect(JSON.parse(forbidden.text)).toMatchObject({ error: 'forbidden' })
    const unknown = await download(s.url, '/api/communities/nosuchcommunity1/export.zip', outsider)
    for (const who of [outsider, guest]) {
      const res = await download(s.url, path, who)
      expect(res.status).toBe(404)
      expect(res.text).toBe(unknown.text)
    }
    expect((await download(s.url, path)).status).toBe(401)
  })
})

describe('[X1] [X2] [X3] [X5] a network guest', () => {
  it('prints and adds to a calendar the meeting opened to them, without its attendance, and gets nothing of the community', async () => {
    const html = await download(s.url, `/api/meetings/${openedMeeting}/summary.html`, guest)
    expect(html.status).toBe(200)
    expect(html.text).toContain('<h1>Opened to the network</h1>')
    expect(html.text).not.toContain('<h2>Attendance</h2>')
    expect(html.text).not.toContain('<h2>Norms check</h2>')
    const member = await download(s.url, `/api/meetings/${openedMeeting}/summary.html`, facilitator)
    expect(member.text).toContain('<h2>Attendance</h2>')
    expect((await download(s.url, `/api/meetings/${openedMeeting}/calendar.ics`, guest)).status).toBe(200)
    for (const path of [
      `/api/meetings/${fixtureMeeting}/summary.html`,
      `/api/meetings/${fixtureMeeting}/calendar.ics`,
      `/api/communities/${communityId}/actions.csv`,
      `/api/communities/${communityId}/calendar-key`,
    ]) {
      expect((await download(s.url, path, guest)).status, path).toBe(404)
    }
    expect((await guest.api.post(`/api/communities/${communityId}/calendar-key`)).status).toBe(404)
  })
})

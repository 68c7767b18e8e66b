import { addAgendaItem, addDecision, decisionsMap, readAgenda, readNorms } from '@confer/model'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createCommunity, join, type Person, rolesFixture, signUp } from '../../../test/support/api-client.ts'
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
let observer: Person
/** A member of another community of the network, let into the meeting as an observer. */
let guest: Person
let communityId: string
let meetingId: string
const clients: TestClient[] = []

beforeAll(async () => {
  s = await startServer()
  const f = await rolesFixture(s.url, 'Lincoln science')
  ;({ facilitator, member, observer, communityId, meetingId } = f)
  const network = await facilitator.api.post<{ network: { id: string } }>('/api/networks', {
    name: 'District science network',
    communityId,
  })
  const invite = await facilitator.api.post<{ code: string }>(
    `/api/networks/${network.body.network.id}/invites`,
  )
  await f.outsider.api.post(`/api/network-invites/${invite.body.code}/accept`, {
    communityId: f.outsiderCommunityId,
  })
  guest = await signUp(s.url, 'Guest teacher')
  await join(f.outsider, f.outsiderCommunityId, guest, 'member')
  const opened = await facilitator.api.put(`/api/meetings/${meetingId}/network-access`, {
    guestRole: 'observer',
  })
  if (opened.status !== 200) throw new Error(`network access failed: ${JSON.stringify(opened.body)}`)
  const starter = await facilitator.api.post(`/api/communities/${communityId}/charter/starter`, {
    starterId: 'starter-essentials',
  })
  if (starter.status !== 204) throw new Error('starter charter failed')
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(() => s.close())

async function open(name: string, who: Person): Promise<TestClient> {
  const c = connectClient(s.wsUrl, name, who.token)
  clients.push(c)
  await waitForSynced(c)
  return c
}

async function summaryOf(who: Person, id = meetingId): Promise<string> {
  const res = await fetch(`${s.url}/api/meetings/${id}/summary.md`, {
    headers: { cookie: who.api.cookie ?? '' },
  })
  expect(res.status).toBe(200)
  return res.text()
}

const section = (markdown: string, heading: string): string => {
  const start = markdown.indexOf(`\n## ${heading}\n`)
  if (start === -1) return ''
  const end = markdown.indexOf('\n## ', start + 1)
  return markdown.slice(start + 1, end === -1 ? undefined : end)
}

const UTC = '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC'

describe('[E3] the summary of a meeting', () => {
  it('lists decisions by item, who attended, the protocol round with its times and the norms check', async () => {
    // The member opens the meeting (attendance by presence) and records decisions as the web app would.
    const attended = nextEvent(s, 'attendanceChanged', (e) => e.meetingId === meetingId)
    const tab = await open(`meeting/${meetingId}`, member)
    await attended
    const doc = tab.doc
    const first = readAgenda(doc)[0]
    if (!first) throw new Error('no first item')
    const second = addAgendaItem(doc, { title: 'Lab safety', minutes: 10 })
    addDecision(doc, { text: 'Adopt the *new* lab rubric', itemId: second }, 1_000)
    addDecision(doc, { text: '1. Meet on Tuesdays', itemId: first.id }, 2_000)
    addDecision(doc, { text: 'Share results with the district' }, 3_000)
    addDecision(doc, { text: 'About an item since removed', itemId: 'goneItem' }, 4_000)
    // What a buggy or hostile client might write: skipped, not shown.
    const bad = new Y.Map<unknown>()
    bad.set('text', 42)
    decisionsMap(doc).set('malformed', bad)
    await waitForAcknowledged(tab)

    // A protocol round, stepped through by the facilitator.
    const act = async (body: unknown) =>
      expect((await facilitator.api.post(`/api/meetings/${meetingId}/run`, body)).status).toBe(200)
    await act({ action: 'start', protocolId: 'tuning' })
    await act({ action: 'next' })
    await act({ action: 'stop' })

    // The closing norms check.
    const charter = await open(`community/${communityId}/charter`, member)
    const [a, b] = readNorms(charter.doc)
    const rate = (who: Person, ratings: unknown) =>
      who.api.put(`/api/meetings/${meetingId}/norms-check`, { ratings }).then((r) => r.status)
    expect(
      await rate(member, [
        { normId: a?.id, rating: 4, comment: 'Started on time' },
        { normId: b?.id, rating: 3 },
      ]),
    ).toBe(200)
    expect(await rate(facilitator, [{ normId: a?.id, rating: 5 }])).toBe(200)

    const markdown = await summaryOf(observer)
    expect(markdown).toMatch(new RegExp(`^# Weekly meeting\\n\\nLincoln science · ${UTC} · 60 minutes\\n`))
    expect(markdown.match(/^## .*$/gm)).toEqual([
      '## Attendance',
      '## Agenda',
      '## Decisions',
      '## Notes',
      '## Action items',
      '## Protocol rounds',
      '## Norms check',
    ])

    expect(section(markdown, 'Decisions')).toBe(
      [
        '## Decisions',
        '',
        `### 1. ${first.title}`,
        '',
        '- 1\\. Meet on Tuesdays',
        '',
        '### 2. Lab safety',
        '',
        '- Adopt the \\*new\\* lab rubric',
        '',
        '### The whole meeting',
        '',
        '- Share results with the district',
        '',
        '### Items since removed',
        '',
        '- About an item since removed',
        '',
      ].join('\n'),
    )

    const attendance = section(markdown, 'Attendance')
    expect(attendance).toContain('- Present (1): Member')
    expect(attendance).toMatch(/- Not present \(2\): (Facilitator, Observer|Observer, Facilitator)/)

    const rounds = section(markdown, 'Protocol rounds')
    expect(rounds).toContain('### Tuning Protocol')
    expect(rounds).toMatch(new RegExp(`- Introduction — ${UTC}, \\d+ s \\(planned 5 min\\)\\n`))
    expect(rounds).toMatch(new RegExp(`- Presentation — ${UTC}, \\d+ s \\(planned 15 min\\)`))

    const norms = section(markdown, 'Norms check')
    expect(norms).toContain('as 2 people rated it')
    expect(norms).toContain(`- ${a?.text}: 4.5 of 5 (2 ratings)\n  - Started on time`)
    expect(norms).toContain(`- ${b?.text}: 3 of 5 (1 rating)`)
  })

  it('shows a network guest the meeting without the community’s attendance and norms check', async () => {
    const markdown = await summaryOf(guest)
    expect(markdown).toContain('## Decisions')
    expect(markdown).toContain('## Protocol rounds')
    expect(markdown).not.toContain('## Attendance')
    expect(markdown).not.toContain('## Norms check')
  })

  it('says so when nothing was decided, run or rated', async () => {
    const fresh = await facilitator.api.post<{ meeting: { id: string } }>(
      `/api/communities/${communityId}/meetings`,
      { title: 'Quiet week', startsAt: '2031-01-06T15:00:00.000Z', durationMinutes: 45 },
    )
    const markdown = await summaryOf(member, fresh.body.meeting.id)
    expect(markdown).toContain('Lincoln science · 2031-01-06 15:00 UTC · 45 minutes')
    expect(markdown).toContain('## Decisions\n\n_No decisions recorded._')
    expect(markdown).toContain('## Attendance\n\n_Nobody was recorded as present._\n\n- Not present (3)')
    expect(markdown).toContain('## Protocol rounds\n\n_No protocol round was run._')
    expect(markdown).toContain('## Norms check\n\n_Nobody rated the norms for this meeting._')
  })

  it('[E3][H6] writes hostile decision text as text: no HTML, no link, no list it did not make', async () => {
    const fresh = await facilitator.api.post<{ meeting: { id: string } }>(
      `/api/communities/${communityId}/meetings`,
      { title: 'Hostile week', startsAt: '2031-02-03T15:00:00.000Z', durationMinutes: 45 },
    )
    const id = fresh.body.meeting.id
    const tab = await open(`meeting/${id}`, member)
    addDecision(tab.doc, { text: '<img src=x onerror=alert(1)> [click](javascript:alert(2))' }, 1)
    addDecision(tab.doc, { text: '- 2) # not a heading | not a cell' }, 2)
    await waitForAcknowledged(tab)
    const decisions = section(await summaryOf(member, id), 'Decisions')
    expect(decisions).toContain(
      '- \\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(2))\n- \\- 2) \\# not a heading \\| not a cell',
    )
  })

  it('is the same 404 for people outside the meeting', async () => {
    const stranger = await signUp(s.url, 'Stranger')
    await createCommunity(stranger, 'Elsewhere')
    expect((await stranger.api.get(`/api/meetings/${meetingId}/summary.md`)).status).toBe(404)
  })
})

import { addAction } from '@confer/model'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMeeting, type Person, rolesFixture } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { firstNotes } from '../../../test/support/notes.ts'
import { download, parseCsv } from './exports-support.ts'
import { nextEvent, type RunningServer, startServer } from './test-server.ts'

let s: RunningServer
let facilitator: Person
let member: Person
let observer: Person
let communityId: string
const clients: TestClient[] = []

beforeAll(async () => {
  s = await startServer()
  ;({ facilitator, member, observer, communityId } = await rolesFixture(s.url, 'Grade 5 <b>team</b>'))
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(() => s.close())

async function open(meetingId: string, who: Person = member): Promise<TestClient> {
  const c = connectClient(s.wsUrl, `meeting/${meetingId}`, who.token)
  clients.push(c)
  await waitForSynced(c)
  return c
}

function paragraph(...texts: Y.XmlText[]): Y.XmlElement {
  const p = new Y.XmlElement('paragraph')
  p.insert(0, texts)
  return p
}

describe('[X1] the print view of a meeting', () => {
  it('shows what was typed as text, a <script> included, under a policy that runs no script', async () => {
    const meetingId = await createMeeting(facilitator, communityId, 'Review <img src=x onerror=alert(1)>')
    const tab = await open(meetingId)
    const link = new Y.XmlText()
    link.insert(0, 'a bad link', { link: { href: 'javascript:alert(2)' } })
    const good = new Y.XmlText()
    good.insert(0, 'the rubric', { link: { href: 'https://school.example/rubric?a=1&b="2"' } })
    firstNotes(tab.doc)?.push([
      paragraph(new Y.XmlText('<script>alert(document.cookie)</script> & "quotes"')),
      paragraph(link, new Y.XmlText(' and '), good),
    ])
    addAction(tab.doc, { text: '</li><script>alert(3)</script>', ownerId: member.id, due: '2030-03-11' })
    await waitForAcknowledged(tab)

    for (const who of [member, observer, facilitator]) {
      const res = await download(s.url, `/api/meetings/${meetingId}/summary.html`, who)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'none'")
      expect(csp).toContain("default-src 'none'")
      expect(csp).not.toContain('unsafe-inline')
      const html = res.text
      expect(html).toMatch(/^<!doctype html>/)
      // No element anyone typed: the only tags are the page's own.
      expect(html).not.toMatch(/<script|<img|<b>|href="javascript/i)
      expect(html).toContain('&#60;script&#62;alert(document.cookie)&#60;/script&#62; &#38; &#34;quotes&#34;')
      expect(html).toContain('<title>Review &#60;img src=x onerror=alert(1)&#62;</title>')
      expect(html).toContain('Grade 5 &#60;b&#62;team&#60;/b&#62;')
      expect(html).toContain(
        '&#60;/li&#62;&#60;script&#62;alert(3)&#60;/script&#62; — Member, due 2030-03-11',
      )
      // A safe link keeps its address (escaped); an unsafe one keeps only its words.
      expect(html).toContain(
        '<a href="https://school.example/rubric?a=1&#38;b=%222%22" rel="noreferrer">the rubric</a>',
      )
      expect(html).toContain('<p>a bad link and ')
      // Its one stylesheet is the one the policy allows by hash.
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? ''
      const { createHash } = await import('node:crypto')
      expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`)
    }
  })

  it('[RS9] names an image of the notes by its alt text where it stood, in the print view and the Markdown', async () => {
    const meetingId = await createMeeting(facilitator, communityId)
    const tab = await open(meetingId)
    const image = new Y.XmlElement('image')
    image.setAttribute('src', '/api/resources/abc123/content')
    image.setAttribute('alt', 'Essay draft <page 2>')
    firstNotes(tab.doc)?.push([paragraph(new Y.XmlText('Before')), image, paragraph(new Y.XmlText('After'))])
    await waitForAcknowledged(tab)

    const html = (await download(s.url, `/api/meetings/${meetingId}/summary.html`, member)).text
    expect(html).toMatch(
      /<p>Before<\/p>\n<p class="image">\[Image: Essay draft &#60;page 2&#62;\]<\/p>\n<p>After<\/p>/,
    )
    expect(html).not.toContain('/api/resources/')
    const md = (await download(s.url, `/api/meetings/${meetingId}/summary.md`, member)).text
    expect(md).toMatch(/Before\n\n\\\[Image: Essay draft .*page 2.*\\\]\n\nAfter/)
  })

  it('answers the same 404 for an unknown meeting and 401 without a session', async () => {
    expect((await download(s.url, '/api/meetings/nosuchmeeting123/summary.html', member)).status).toBe(404)
    const meetingId = await createMeeting(facilitator, communityId)
    expect((await download(s.url, `/api/meetings/${meetingId}/summary.html`)).status).toBe(401)
  })
})

describe('[X2] action items as CSV', () => {
  it('lists every item once, quoted by RFC 4180, formulas neutralised, with a BOM for Excel', async () => {
    const first = await createMeeting(facilitator, communityId, 'First, "quoted" meeting')
    const tab = await open(first)
    const indexed = nextEvent(s, 'actionsIndexed', (e) => e.meetingId === first)
    const texts = [
      'Email "the" parents, then call',
      'Line one\nline two',
      '=HYPERLINK("http://evil.example","click")',
      '+1 for the rubric',
      '-2 points if late',
      '@SUM(A1:A9)',
      '\tTabbed',
      '\rReturned',
      'Plain: José’s data',
    ]
    for (const [i, text] of texts.entries()) {
      addAction(tab.doc, {
        text,
        ownerId: i === 0 ? member.id : null,
        due: i === 0 ? '2030-04-01' : null,
        done: i === 1,
      })
    }
    await waitForAcknowledged(tab)
    await indexed

    const res = await download(s.url, `/api/communities/${communityId}/actions.csv`, observer)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toContain('attachment; filename=')
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(res.text)
    expect(rows[0]).toEqual(['Action', 'Owner', 'Due', 'Status', 'Meeting', 'Meeting date', 'Raised'])
    const byText = new Map(rows.slice(1).map((r) => [r[0], r]))
    // Each once (rows are per item, not per copy), whatever earlier meetings carried.
    expect(byText.size).toBe(rows.length - 1)
    expect(byText.get('Email "the" parents, then call')).toEqual([
      'Email "the" parents, then call',
      'Member',
      '2030-04-01',
      'Open',
      'First, "quoted" meeting',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    ])
    expect(byText.get('Line one\nline two')?.[3]).toBe('Done')
    // What a spreadsheet would evaluate starts with an apostrophe and is shown as text.
    for (const formula of texts.slice(2, 8)) expect(byText.has(`'${formula}`), formula).toBe(true)
    expect(byText.has('Plain: José’s data')).toBe(true)
    expect(res.text).toContain('"Email ""the"" parents, then call"')
  })

  it('lists an item carried into a later meeting once, as it stands there', async () => {
    const earlier = await createMeeting(facilitator, communityId, 'Week 1')
    const tab = await open(earlier)
    const firstIndex = nextEvent(s, 'actionsIndexed', (e) => e.meetingId === earlier)
    addAction(tab.doc, { text: 'Carried item' })
    await waitForAcknowledged(tab)
    await firstIndex
    // Scheduling the next meeting carries the open item into it.
    const later = await createMeeting(facilitator, communityId, 'Week 2')
    const laterTab = await open(later)
    expect(laterTab.doc.getMap('actions').size).toBeGreaterThan(0)

    const res = await download(s.url, `/api/communities/${communityId}/actions.csv`, member)
    const rows = parseCsv(res.text).filter((r) => r[0] === 'Carried item')
    expect(rows).toHaveLength(1)
    expect(rows[0]?.[4]).toBe('Week 2')
  })
})

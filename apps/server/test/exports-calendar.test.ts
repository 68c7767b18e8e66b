import type { CalendarKeyCreated, CalendarKeyStatus } from '@confer/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient, type Person, rolesFixture } from '../../../test/support/api-client.ts'
import { meetingsCalendar } from '../src/services/exports/ics.ts'
import { download, icsText, icsUtc, readIcs } from './exports-support.ts'
import { type RunningServer, startServer } from './test-server.ts'

let s: RunningServer
let facilitator: Person
let member: Person
let observer: Person
let communityId: string
/** The meeting rolesFixture schedules. */
let fixtureMeeting: string

const START = Date.UTC(2030, 2, 4, 15, 30)
const COMMA_TITLE = 'Planning, review; and a \\ back-slash'
// Over 75 octets in every encoding: 2-byte é and 4-byte emoji make the fold fall mid-character.
const LONG_TITLE = `Réunion de l’équipe ${'é'.repeat(40)} ${'🍎'.repeat(20)} fin`

beforeAll(async () => {
  s = await startServer()
  ;({
    facilitator,
    member,
    observer,
    communityId,
    meetingId: fixtureMeeting,
  } = await rolesFixture(s.url, 'Lincoln, math; grade 4'))
})
afterAll(() => s.close())

async function schedule(title: string, startsAt: number, durationMinutes = 45): Promise<string> {
  const res = await facilitator.api.post<{ meeting: { id: string } }>(
    `/api/communities/${communityId}/meetings`,
    {
      title,
      startsAt: new Date(startsAt).toISOString(),
      durationMinutes,
    },
  )
  expect(res.status).toBe(201)
  return res.body.meeting.id
}

async function newFeed(who: Person = facilitator): Promise<string> {
  const res = await who.api.post<CalendarKeyCreated>(`/api/communities/${communityId}/calendar-key`)
  expect(res.status).toBe(201)
  return res.body.url
}

/** The feed as a calendar app asks for it: no cookie, no token, only the address. */
async function subscribe(url: string) {
  const res = await fetch(url)
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() }
}

const eventOf = (events: ReturnType<typeof readIcs>['events'], meetingId: string) =>
  events.find((e) => e.props.get('UID') === `${meetingId}@confer`)

describe('[X4] the community calendar feed', () => {
  it('serves every meeting as RFC 5545 to whoever holds the address, cancelled ones marked, text escaped and folded', async () => {
    const planning = await schedule(COMMA_TITLE, START, 50)
    const long = await schedule(LONG_TITLE, START + 7 * 86_400_000)
    const cancelled = await schedule('Cancelled check-in', START + 14 * 86_400_000)
    expect((await facilitator.api.patch(`/api/meetings/${cancelled}`, { cancelled: true })).status).toBe(200)
    const url = await newFeed()
    expect(url).toMatch(
      new RegExp(`^${s.url}/api/communities/${communityId}/calendar\\.ics\\?key=[\\w-]{43}$`),
    )

    const feed = await subscribe(url)
    expect(feed.status).toBe(200)
    expect(feed.type).toBe('text/calendar; charset=utf-8')
    const { lines, events } = readIcs(feed.text)
    expect(lines).toContain(`X-WR-CALNAME:${icsText('Lincoln, math; grade 4')}`)
    expect(events.map((e) => e.props.get('UID')).sort()).toEqual(
      [fixtureMeeting, planning, long, cancelled].map((id) => `${id}@confer`).sort(),
    )
    for (const event of events) {
      for (const prop of ['UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY'])
        expect(event.props.has(prop)).toBe(true)
      expect(event.props.get('DTSTAMP')).toMatch(/^\d{8}T\d{6}Z$/)
    }
    const first = eventOf(events, planning)
    expect(first?.props.get('SUMMARY')).toBe(icsText(COMMA_TITLE))
    expect(first?.props.get('SUMMARY')).toBe('Planning\\, review\\; and a \\\\ back-slash')
    expect(first?.props.get('DTSTART')).toBe(icsUtc(START))
    expect(first?.props.get('DTEND')).toBe(icsUtc(START + 50 * 60_000))
    expect(first?.props.get('STATUS')).toBe('CONFIRMED')
    expect(first?.props.get('URL')).toBe(`${s.url}/m/${planning}`)
    // The long title was folded (the test reader checked every line's octets) and unfolds whole.
    expect(feed.text).toContain('\r\n ')
    expect(eventOf(events, long)?.props.get('SUMMARY')).toBe(icsText(LONG_TITLE))
    expect(eventOf(events, cancelled)?.props.get('STATUS')).toBe('CANCELLED')
  })

  it('escapes line breaks, commas, semicolons and backslashes in every text it writes', () => {
    const text = meetingsCalendar(
      [
        {
          id: 'm1',
          title: 'Line one\nline two, a; b \\ c',
          startsAt: START,
          durationMinutes: 30,
          cancelledAt: null,
        },
      ],
      { name: 'Team\r\nX-INJECTED:1', origin: 'https://confer.example', now: START },
    )
    const { lines, events } = readIcs(text)
    expect(events[0]?.props.get('SUMMARY')).toBe('Line one\\nline two\\, a\\; b \\\\ c')
    expect(lines).toContain('X-WR-CALNAME:Team X-INJECTED:1')
    expect(lines.some((l) => l.startsWith('X-INJECTED'))).toBe(false)
  })

  it('[X3] a new address replaces the old one: the old one answers 404 at once, the new one works', async () => {
    const old = await newFeed()
    expect((await subscribe(old)).status).toBe(200)
    const status = await facilitator.api.get<CalendarKeyStatus>(
      `/api/communities/${communityId}/calendar-key`,
    )
    expect(status.body.feed?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)

    const fresh = await newFeed()
    expect(fresh).not.toBe(old)
    const refused = await subscribe(old)
    expect(refused.status).toBe(404)
    expect(JSON.parse(refused.text)).toMatchObject({ error: 'not_found' })
    expect((await subscribe(fresh)).status).toBe(200)
  })

  it('[X4] a wrong, empty, missing or overlong key and an unknown community all answer the same 404', async () => {
    const url = new URL(await newFeed())
    const key = url.searchParams.get('key') ?? ''
    const path = `/api/communities/${communityId}/calendar.ics`
    const feed = `${s.url}${path}`
    const answers = await Promise.all(
      [
        `${feed}?key=${key.slice(0, -1)}A`,
        `${feed}?key=`,
        feed,
        `${feed}?key=${'a'.repeat(5000)}`,
        `${feed}?key=${key}&key=${key}`,
        `${s.url}/api/communities/nosuchcommunity1/calendar.ics?key=${key}`,
      ].map(subscribe),
    )
    for (const answer of answers) expect(answer.status).toBe(404)
    expect(new Set(answers.map((a) => a.text)).size).toBe(1)
    // Members and observers hold no key by being members.
    for (const who of [member, observer]) expect((await download(s.url, path, who)).status).toBe(404)
  })
})

describe('[X5] add one meeting to a calendar', () => {
  it('gives the meeting alone, with the UID the feed gives it, to whoever may see the meeting', async () => {
    const id = await schedule('Data dive', START + 21 * 86_400_000, 90)
    for (const who of [facilitator, member, observer]) {
      const res = await download(s.url, `/api/meetings/${id}/calendar.ics`, who)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-disposition')).toContain('attachment; filename="Data dive.ics"')
      const { events } = readIcs(res.text)
      expect(events).toHaveLength(1)
      expect(events[0]?.props.get('UID')).toBe(`${id}@confer`)
      expect(events[0]?.props.get('DTEND')).toBe(icsUtc(START + 21 * 86_400_000 + 90 * 60_000))
    }
  })
})

describe('[X4] the feed is rate-limited per address', () => {
  it('answers 429 past CALENDAR_FEED_RATE_LIMIT requests a minute, wrong keys included', async () => {
    const limited = await startServer({ env: { CALENDAR_FEED_RATE_LIMIT: '3' } })
    try {
      const f = await rolesFixture(limited.url)
      const created = await f.facilitator.api.post<CalendarKeyCreated>(
        `/api/communities/${f.communityId}/calendar-key`,
      )
      const anonymous = new ApiClient(limited.url, { origin: null })
      const wrong = `/api/communities/${f.communityId}/calendar.ics?key=wrong`
      expect((await anonymous.get(wrong)).status).toBe(404)
      expect((await fetch(created.body.url)).status).toBe(200)
      expect((await fetch(created.body.url)).status).toBe(200)
      expect(await anonymous.get(wrong)).toMatchObject({ status: 429, body: { error: 'too_many_requests' } })
      expect((await fetch(created.body.url)).status).toBe(429)
    } finally {
      await limited.close()
    }
  })
})

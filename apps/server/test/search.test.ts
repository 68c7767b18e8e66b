import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { SearchResponse, SearchResult } from '@confer/api'
import { addNorm, readAgenda } from '@confer/model'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  ApiClient,
  createCommunity,
  createMeeting,
  join,
  type Person,
  rolesFixture,
  signUp,
} from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { typeParagraph } from '../../../test/support/notes.ts'
import { DATABASE_FILE } from '../src/stores/sqlite/database.ts'
import { nextEvent, type RunningServer, startServer } from './test-server.ts'

/** Stores (and so indexes) shortly after an edit, as the default 5 s debounce would, sooner. */
const QUICK_STORE = { COMPACTION_DEBOUNCE_MS: '100', COMPACTION_MAX_DEBOUNCE_MS: '400' }

let s: RunningServer
let facilitator: Person
let member: Person
let observer: Person
/** Belongs to a community of their own, outside the network. */
let outsider: Person
/** A member of another community of the network, to which one meeting is opened. */
let guest: Person
let communityId: string
let meetingId: string
let openedMeetingId: string
const clients: TestClient[] = []

beforeAll(async () => {
  s = await startServer({ env: QUICK_STORE })
  const f = await rolesFixture(s.url, 'Lincoln math')
  ;({ facilitator, member, observer, communityId, meetingId } = f)
  outsider = await signUp(s.url, 'Outsider')
  await createCommunity(outsider, 'Another school')
  const network = await facilitator.api.post<{ network: { id: string } }>('/api/networks', {
    name: 'County math network',
    communityId,
  })
  const invite = await facilitator.api.post<{ code: string }>(
    `/api/networks/${network.body.network.id}/invites`,
  )
  // The fixture's outsider brings their community into the network: its members are guests.
  await f.outsider.api.post(`/api/network-invites/${invite.body.code}/accept`, {
    communityId: f.outsiderCommunityId,
  })
  guest = await signUp(s.url, 'Guest teacher')
  await join(f.outsider, f.outsiderCommunityId, guest, 'member')
  openedMeetingId = await createMeeting(facilitator, communityId, 'Network visit')
  const opened = await facilitator.api.put(`/api/meetings/${openedMeetingId}/network-access`, {
    guestRole: 'observer',
  })
  if (opened.status !== 200) throw new Error(`network access failed: ${JSON.stringify(opened.body)}`)
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

/** Types a paragraph into the first item's notes through a real provider; its item id. */
async function typeNotes(who: Person, meeting: string, text: string): Promise<string> {
  const c = await open(`meeting/${meeting}`, who)
  typeParagraph(c.doc, text)
  await waitForAcknowledged(c)
  const item = readAgenda(c.doc)[0]
  if (!item) throw new Error('the meeting has no first item')
  return item.id
}

const q = (text: string) => encodeURIComponent(text)
const communitySearch = (who: Person, text: string, id = communityId) =>
  who.api.get<SearchResponse>(`/api/communities/${id}/search?q=${q(text)}`)
const searchAll = (who: Person, text: string) => who.api.get<SearchResponse>(`/api/search?q=${q(text)}`)

/**
 * Resolves with the answer once `found` holds, asking again after each index write of `source`
 * (listening before asking, so no write goes unnoticed).
 */
async function afterIndexed(
  source: string,
  ask: () => Promise<{ status: number; body: SearchResponse }>,
  found: (results: SearchResult[]) => boolean,
): Promise<SearchResult[]> {
  for (;;) {
    const indexed = nextEvent(s, 'searchIndexed', (e) => e.source === source)
    const res = await ask()
    expect(res.status).toBe(200)
    if (found(res.body.results)) return res.body.results
    await indexed
  }
}

const marked = (text: string, ranges: [number, number][]) => ranges.map(([a, b]) => text.slice(a, b))

describe('[Q1] an edit becomes findable once its document is stored', () => {
  it('words typed into an item’s notes are found, at that item, with the matched words marked', async () => {
    const itemId = await typeNotes(member, meetingId, 'Our exit tickets showed the fractions unit landed')
    const results = await afterIndexed(
      `meeting/${meetingId}`,
      () => communitySearch(observer, '"exit ticket" fractions'),
      (r) => r.length > 0,
    )
    expect(results).toHaveLength(1)
    const [hit] = results
    expect(hit).toMatchObject({
      kind: 'item',
      communityId,
      meetingId,
      itemId,
      meetingTitle: 'Weekly meeting',
      cancelled: false,
      snippet: 'Our exit tickets showed the fractions unit landed',
    })
    expect(marked(hit?.snippet ?? '', hit?.highlights ?? [])).toEqual(['exit tickets', 'fractions'])
    // Across my communities, the same hit.
    const all = await searchAll(facilitator, '"exit ticket"')
    expect(all.body.results.map((r) => [r.communityId, r.meetingId, r.itemId])).toEqual([
      [communityId, meetingId, itemId],
    ])
  })

  it('a norm typed into the charter is found as a norm', async () => {
    const c = await open(`community/${communityId}/charter`, member)
    addNorm(c.doc, 'Assume positive intentions about scaffolding')
    await waitForAcknowledged(c)
    const results = await afterIndexed(
      `community/${communityId}/charter`,
      () => communitySearch(member, 'scaffolding'),
      (r) => r.length > 0,
    )
    expect(results).toEqual([
      expect.objectContaining({ kind: 'norm', title: 'Assume positive intentions about scaffolding' }),
    ])
    expect(results[0]?.meetingId).toBeUndefined()
  })

  it('a shared link is found by its title, and no longer once deleted', async () => {
    const added = await member.api.post<{ resource: { id: string } }>(
      `/api/communities/${communityId}/resources`,
      {
        url: 'https://example.org/number-talks',
        title: 'Number talks playlist',
      },
    )
    expect(added.status).toBe(201)
    const id = added.body.resource.id
    const source = `community/${communityId}/resources`
    const found = await afterIndexed(
      source,
      () => communitySearch(observer, 'playlist'),
      (r) => r.length > 0,
    )
    expect(found).toEqual([
      expect.objectContaining({ kind: 'resource', resourceId: id, title: 'Number talks playlist' }),
    ])
    expect(found[0]?.itemId).toBeUndefined()
    expect((await member.api.delete(`/api/resources/${id}`)).status).toBe(204)
    await afterIndexed(
      source,
      () => communitySearch(observer, 'playlist'),
      (r) => r.length === 0,
    )
  })

  it('a renamed meeting is found by its new title and no longer by the old one', async () => {
    const id = await createMeeting(facilitator, communityId, 'Spring assessment calibration')
    await afterIndexed(
      `meeting-title/${id}`,
      () => communitySearch(member, 'calibration'),
      (r) => r.length === 1,
    )
    await facilitator.api.patch(`/api/meetings/${id}`, { title: 'Spring moderation' })
    const renamed = await afterIndexed(
      `meeting-title/${id}`,
      () => communitySearch(member, 'moderation'),
      (r) => r.length === 1,
    )
    expect(renamed[0]).toMatchObject({ kind: 'meeting', meetingId: id, title: 'Spring moderation' })
    expect((await communitySearch(member, 'calibration')).body.results).toEqual([])
  })
})

describe('[Q2] [Q3] only members and observers find a community’s words', () => {
  const WORD = 'manipulatives'
  let itemId: string
  beforeAll(async () => {
    itemId = await typeNotes(facilitator, meetingId, `Bring the ${WORD} tray`)
    await afterIndexed(
      `meeting/${meetingId}`,
      () => communitySearch(facilitator, WORD),
      (r) => r.length > 0,
    )
    await typeNotes(facilitator, openedMeetingId, `Visitors saw the ${WORD} station`)
    await afterIndexed(
      `meeting/${openedMeetingId}`,
      () => communitySearch(facilitator, WORD),
      (r) => r.length === 2,
    )
  })

  it.each([
    ['facilitator', () => facilitator],
    ['member', () => member],
    ['observer', () => observer],
  ])('a %s finds them in the community and across their communities', async (_, who) => {
    const res = await communitySearch(who(), WORD)
    expect(res.status).toBe(200)
    expect(res.body.results.map((r) => r.meetingId).sort()).toEqual([meetingId, openedMeetingId].sort())
    expect(res.body.results.find((r) => r.meetingId === meetingId)?.itemId).toBe(itemId)
    expect((await searchAll(who(), WORD)).body.results).toHaveLength(2)
  })

  it('an outsider gets the 404 of an unknown community, and finds nothing across their own', async () => {
    const forbidden = await communitySearch(outsider, WORD)
    const unknown = await communitySearch(outsider, WORD, 'nosuchcommunity1')
    expect(forbidden).toMatchObject({ status: 404, body: { error: 'not_found' } })
    expect(forbidden.body).toEqual(unknown.body)
    expect(await searchAll(outsider, WORD)).toEqual({ status: 200, body: { results: [] } })
  })

  it('a network guest gets no community search, and finds only the words of the meeting opened to them', async () => {
    expect(await communitySearch(guest, WORD)).toMatchObject({ status: 404, body: { error: 'not_found' } })
    const res = await searchAll(guest, WORD)
    expect(res.body.results.map((r) => [r.communityId, r.meetingId])).toEqual([
      [communityId, openedMeetingId],
    ])
    // The community's charter is not theirs to search.
    expect((await searchAll(guest, 'scaffolding')).body.results).toEqual([])
  })

  it('anonymous and expired credentials get 401 on both routes', async () => {
    const expired = await signUp(s.url, 'Expired')
    await join(facilitator, communityId, expired, 'member')
    const db = new DatabaseSync(path.join(s.dataDir, DATABASE_FILE))
    try {
      db.prepare('UPDATE sessions SET expires_at = ? WHERE user_id = ?').run(Date.now() - 1, expired.id)
    } finally {
      db.close()
    }
    const bearer = new ApiClient(s.url, { origin: null })
    bearer.bearer = expired.token
    for (const client of [new ApiClient(s.url), expired.api, bearer]) {
      for (const url of [`/api/communities/${communityId}/search?q=${WORD}`, `/api/search?q=${WORD}`]) {
        expect(await client.get(url), url).toMatchObject({ status: 401, body: { error: 'unauthenticated' } })
      }
    }
  })
})

describe('[Q4] what may be asked', () => {
  it.each([
    ['no q at all', ''],
    ['an empty q', '?q='],
    ['only spaces', `?q=${q('   ')}`],
    ['over 200 characters', `?q=${'a'.repeat(201)}`],
    ['more than 16 words', `?q=${q(Array.from({ length: 17 }, (_, i) => `w${i}`).join(' '))}`],
    ['two qs', '?q=a&q=b'],
    ['a limit of 0', '?q=a&limit=0'],
    ['a limit over 50', '?q=a&limit=51'],
    ['a limit that is not a number', '?q=a&limit=many'],
  ])('%s: 400 with a message', async (_, query) => {
    for (const url of [`/api/communities/${communityId}/search${query}`, `/api/search${query}`]) {
      const res = await member.api.get<{ error: string; message: string }>(url)
      expect(res.status, url).toBe(400)
      expect(res.body.error).toBe('invalid_request')
      expect(res.body.message.length).toBeGreaterThan(0)
    }
  })

  it.each([
    ['only punctuation', '!!! ---'],
    ['only exclusions', '-fractions -"exit ticket"'],
  ])('%s: nothing to find, no results', async (_, text) => {
    expect(await communitySearch(member, text)).toEqual({ status: 200, body: { results: [] } })
  })
})

describe('[Q6] results are text, never markup', () => {
  it('notes holding HTML and the highlight markers come back as the words typed, marked only where they matched', async () => {
    const id = await createMeeting(facilitator, communityId, 'Markup')
    await typeNotes(member, id, '<img src=x onerror=alert(1)> \uE000forged\uE001 the calibration rubric')
    const results = await afterIndexed(
      `meeting/${id}`,
      () => communitySearch(member, 'rubric'),
      (r) => r.some((hit) => hit.meetingId === id),
    )
    const hit = results.find((r) => r.meetingId === id)
    expect(hit?.snippet).toBe('<img src=x onerror=alert(1)>  forged  the calibration rubric')
    expect(marked(hit?.snippet ?? '', hit?.highlights ?? [])).toEqual(['rubric'])
  })
})

describe('[Q1] the index catches up with the documents', () => {
  /** Drops everything SQLite's index holds, as in an installation from before search. */
  function wipeIndex(dataDir: string, rename?: { from: string; to: string }): void {
    const db = new DatabaseSync(path.join(dataDir, DATABASE_FILE))
    try {
      if (rename) {
        db.exec(`ALTER TABLE ${rename.from} RENAME TO ${rename.to}`)
        return
      }
      const tables = db
        .prepare(
          `SELECT name FROM sqlite_schema WHERE type = 'table' AND name GLOB 'search_text_[0-9]*' AND sql LIKE 'CREATE VIRTUAL%'`,
        )
        .all() as { name: string }[]
      for (const { name } of tables) db.exec(`DROP TABLE ${name}`)
      db.exec('DELETE FROM search_entries; DELETE FROM search_sources; DELETE FROM search_scopes;')
    } finally {
      db.close()
    }
  }

  async function restarted(
    dataDir: string,
    owner: Person,
  ): Promise<{ again: RunningServer; api: ApiClient }> {
    const again = await startServer({ dataDir, env: QUICK_STORE })
    // The same session, at the new address.
    const api = new ApiClient(again.url)
    api.cookie = owner.api.cookie
    return { again, api }
  }

  it('documents stored before search existed are indexed when the server starts', async () => {
    const first = await startServer({ env: QUICK_STORE })
    const owner = await signUp(first.url, 'Owner')
    const team = await createCommunity(owner)
    const id = await createMeeting(owner, team, 'Before search')
    const c = connectClient(first.wsUrl, `meeting/${id}`, owner.token)
    await waitForSynced(c)
    typeParagraph(c.doc, 'The old archive mentions tessellations')
    await waitForAcknowledged(c)
    c.destroy()
    await first.close()
    wipeIndex(first.dataDir)

    const { again, api } = await restarted(first.dataDir, owner)
    try {
      for (;;) {
        const indexed = nextEvent(again, 'searchIndexed', (e) => e.source === `meeting/${id}`)
        const res = await api.request<SearchResponse>(
          'GET',
          `/api/communities/${team}/search?q=tessellations`,
        )
        if (res.status === 200 && res.body.results.length > 0) {
          expect(res.body.results[0]).toMatchObject({
            kind: 'item',
            meetingId: id,
            snippet: expect.stringContaining('tessellations'),
          })
          break
        }
        await indexed
      }
    } finally {
      await again.close()
    }
  }, 30_000)

  it('an index that cannot be written costs no edit, and the document is indexed once it can be', async () => {
    const first = await startServer({ env: QUICK_STORE })
    const owner = await signUp(first.url, 'Owner')
    const team = await createCommunity(owner)
    const id = await createMeeting(owner, team, 'Broken index')
    wipeIndex(first.dataDir, { from: 'search_entries', to: 'search_entries_away' })
    const c = connectClient(first.wsUrl, `meeting/${id}`, owner.token)
    await waitForSynced(c)
    typeParagraph(c.doc, 'Words about isometric drawings')
    await waitForAcknowledged(c)
    c.destroy()
    await first.close()
    wipeIndex(first.dataDir, { from: 'search_entries_away', to: 'search_entries' })

    const { again, api } = await restarted(first.dataDir, owner)
    try {
      const reader = connectClient(again.wsUrl, `meeting/${id}`, owner.token)
      clients.push(reader)
      await waitForSynced(reader)
      expect(JSON.stringify(reader.doc.getMap('items').toJSON())).toContain('isometric drawings')
      for (;;) {
        const indexed = nextEvent(again, 'searchIndexed', (e) => e.source === `meeting/${id}`)
        const res = await api.request<SearchResponse>('GET', `/api/communities/${team}/search?q=isometric`)
        if (res.status === 200 && res.body.results.length > 0) break
        await indexed
      }
    } finally {
      await again.close()
    }
  }, 30_000)
})

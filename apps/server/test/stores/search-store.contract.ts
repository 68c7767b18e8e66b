import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DocumentStore } from '../../src/stores/document-store.ts'
import {
  type IndexedEntry,
  MARK_END,
  MARK_START,
  type SearchClause,
  type SearchHit,
  type SearchStore,
} from '../../src/stores/search-store.ts'
import { aCommunity, aMeeting, aPerson, type StoreWorld } from './store-world.ts'

export type SearchWorld = StoreWorld & { search: SearchStore; documents: DocumentStore }

/** A query of one clause: words (a string with spaces is a phrase) to include, and to exclude. */
const all = (include: string[], exclude: string[] = []): { clauses: SearchClause[] } => ({
  clauses: [{ include: include.map((t) => t.split(' ')), exclude: exclude.map((t) => t.split(' ')) }],
})
const either = (...words: string[]) => ({ clauses: words.map((w) => ({ include: [[w]], exclude: [] })) })

const item = (title: string, body: string, itemId: string | null = null): IndexedEntry => ({
  kind: 'item',
  itemId,
  title,
  body,
})
const visible = (marked: string) => marked.replaceAll(MARK_START, '[').replaceAll(MARK_END, ']')
const titles = (hits: SearchHit[]) => hits.map((h) => visible(h.title))

/** The behaviour every SearchStore must have (SPEC Q1–Q6), on one engine. */
export function searchStoreContract(engine: string, open: () => Promise<SearchWorld>): void {
  describe(`${engine} satisfies the search store contract`, () => {
    async function aTeam(world: SearchWorld) {
      const ada = await aPerson(world)
      const communityId = await aCommunity(world, ada)
      const meeting = await aMeeting(world, communityId, { title: 'October data day' })
      const source = (name = `meeting/${meeting.id}`) => ({ name, communityId, meetingId: meeting.id })
      return { ada, communityId, meeting, source }
    }

    it('[Q1] finds what a source holds, in its community only, with its meeting; a new version replaces the old words', async () => {
      const world = await open()
      const { communityId, meeting, source } = await aTeam(world)
      const other = await aTeam(world)
      expect(
        await world.search.replace(source(), [item('Fractions', 'Students compared halves', 'item1')], 'v1'),
      ).toBe(true)
      await world.search.replace(other.source(), [item('Fractions', 'Another school')], 'v1')

      const hits = await world.search.search({ communityId }, all(['halves']), 50)
      expect(hits).toEqual([
        {
          source: `meeting/${meeting.id}`,
          communityId,
          meetingId: meeting.id,
          itemId: 'item1',
          kind: 'item',
          title: 'Fractions',
          snippet: `Students compared ${MARK_START}halves${MARK_END}`,
          meetingTitle: 'October data day',
          meetingStartsAt: meeting.startsAt,
          meetingCancelledAt: null,
        },
      ])
      expect((await world.search.search({ communityId }, all(['fractions']), 50)).length).toBe(1)

      await world.search.replace(source(), [item('Fractions', 'Students compared thirds', 'item1')], 'v2')
      expect(await world.search.search({ communityId }, all(['halves']), 50)).toEqual([])
      expect(await world.search.search({ communityId }, all(['thirds']), 50)).toHaveLength(1)
    })

    it('[Q1] writes nothing for an unchanged fingerprint; a source emptied is found no more', async () => {
      const world = await open()
      const { communityId, source } = await aTeam(world)
      const resources = source('community/x/resources')
      await world.search.replace(resources, [item('Rubric for fractions', '')], 'one')
      expect(await world.search.replace(resources, [item('Changed', '')], 'one')).toBe(false)
      expect(titles(await world.search.search({ communityId }, all(['rubric']), 50))).toEqual([
        `[Rubric] for fractions`,
      ])
      expect(await world.search.replace(resources, [], 'none')).toBe(true)
      expect(await world.search.search({ communityId }, all(['rubric']), 50)).toEqual([])
    })

    it('[Q5] ranks a title hit above a passing mention, and stems English words', async () => {
      const world = await open()
      const { communityId, source } = await aTeam(world)
      await world.search.replace(
        source(),
        [
          item(
            'Reading groups',
            'We looked at the fraction strips only briefly before moving on to reading.',
          ),
          item('Fractions', 'Number lines.'),
          item('Lunch duty', 'Nothing about maths.'),
        ],
        'v1',
      )
      const hits = await world.search.search({ communityId }, all(['fractions']), 50)
      expect(titles(hits)).toEqual(['[Fractions]', 'Reading groups'])
      expect(visible(hits[1]?.snippet ?? '')).toContain('[fraction] strips')
    })

    it('[Q6] finds and marks a word deep in long notes, in a passage of whole words', async () => {
      const world = await open()
      const { communityId, source } = await aTeam(world)
      const body = `${'alpha beta '.repeat(1_500)}the tessellations lesson ${'gamma delta '.repeat(1_500)}`
      await world.search.replace(source(), [item('Long notes', body)], 'v1')
      const [hit] = await world.search.search({ communityId }, all(['tessellation']), 50)
      const snippet = visible(hit?.snippet ?? '')
      expect(snippet).toContain('[tessellations]')
      const words = snippet
        .replace(/[[\]…]/g, ' ')
        .split(/\s+/)
        .filter(Boolean)
      expect(new Set(words)).toEqual(
        new Set(words.filter((w) => /^(alpha|beta|the|tessellations|lesson|gamma|delta)$/.test(w))),
      )
      expect(words.length).toBeLessThan(40)
    })

    it('[Q4] reads "quoted phrases", -exclusions and or as web search does', async () => {
      const world = await open()
      const { communityId, source } = await aTeam(world)
      await world.search.replace(
        source(),
        [
          item('One', 'The exit ticket showed growth'),
          item('Two', 'A ticket for the exit of the building'),
          item('Three', 'Exit ticket data on decimals'),
          item('Four', 'Running records'),
        ],
        'v1',
      )
      const found = async (query: { clauses: SearchClause[] }) =>
        titles(await world.search.search({ communityId }, query, 50)).sort()
      expect(await found(all(['exit ticket']))).toEqual(['One', 'Three'])
      expect(await found(all(['exit', 'ticket']))).toEqual(['One', 'Three', 'Two'])
      expect(await found(all(['exit ticket'], ['decimals']))).toEqual(['One'])
      expect(await found(either('decimals', 'running'))).toEqual(['Four', 'Three'])
      // Words that are FTS5 or tsquery syntax are only words.
      expect(await found(all(['NEAR(exit', 'ticket)*', 'OR', 'AND:']))).toEqual([])
    })

    it('[Q3] across communities: every community of mine and only the guest meetings opened to me, filtered in the query', async () => {
      const world = await open()
      const mine = await aTeam(world)
      const another = await aCommunity(world, mine.ada)
      const stranger = await aTeam(world)
      const host = await aTeam(world)
      const opened = await aMeeting(world, host.communityId, { title: 'Opened to the network' })
      const closed = await aMeeting(world, host.communityId, { title: 'Host only' })
      await world.meetings.setNetworkGuestRole(opened.id, 'observer')
      const networkId = randomUUID()
      await world.communities.insertNetwork(
        {
          id: networkId,
          name: 'District',
          purpose: '',
          createdBy: host.ada,
          createdAt: Date.UTC(2030, 0, 1),
        },
        host.communityId,
      )
      await world.communities.addNetworkCommunity(networkId, another, Date.UTC(2030, 0, 2))

      const words = [item('Shared words', 'walkthrough notes')]
      await world.search.replace(mine.source(), words, 'v1')
      await world.search.replace(
        { name: 'community/x/plan', communityId: another, meetingId: null },
        words,
        'v1',
      )
      await world.search.replace(stranger.source(), words, 'v1')
      for (const m of [opened, closed]) {
        await world.search.replace(
          { name: `meeting/${m.id}`, communityId: host.communityId, meetingId: m.id },
          words,
          'v1',
        )
      }
      await world.search.replace(
        { name: `community/${host.communityId}/charter`, communityId: host.communityId, meetingId: null },
        words,
        'v1',
      )

      const hits = await world.search.search({ userId: mine.ada }, all(['walkthrough']), 50)
      expect(hits.map((h) => [h.communityId, h.meetingId]).sort()).toEqual(
        [
          [mine.communityId, mine.meeting.id],
          [another, null],
          [host.communityId, opened.id],
        ].sort(),
      )
      expect(await world.search.search({ userId: await aPerson(world) }, all(['walkthrough']), 50)).toEqual(
        [],
      )
    })

    it('[Q2] answers at most the limit, best first', async () => {
      const world = await open()
      const { communityId, source } = await aTeam(world)
      const entries = Array.from({ length: 30 }, (_, i) => item(`Note ${i}`, 'rubric '.repeat(1 + (i % 3))))
      await world.search.replace(source(), [...entries, item('Rubric', '')], 'v1')
      const hits = await world.search.search({ communityId }, all(['rubric']), 10)
      expect(hits).toHaveLength(10)
      expect(visible(hits[0]?.title ?? '')).toBe('[Rubric]')
    })

    it('[Q1] walks the stored documents it holds that were never indexed, once each, in name order', async () => {
      const world = await open()
      const { communityId, meeting } = await aTeam(world)
      const state = Y.encodeStateAsUpdate(new Y.Doc())
      const names = [`meeting/${meeting.id}`, `meeting/${meeting.id}/run`, `community/${communityId}/charter`]
      for (const name of names) {
        const [seq] = await world.documents.append([{ name, update: state }])
        await world.documents.compact(name, state, seq ?? 0)
      }
      const walk = async () => {
        const found: string[] = []
        for (let page = await world.search.unindexedDocuments('', 1); page.length > 0; ) {
          found.push(...page)
          page = await world.search.unindexedDocuments(page[page.length - 1] ?? '', 1)
        }
        return found.filter((name) => name.includes(meeting.id) || name.includes(communityId))
      }
      expect((await walk()).sort()).toEqual(
        [`community/${communityId}/charter`, `meeting/${meeting.id}`].sort(),
      )
      await world.search.replace(
        { name: `meeting/${meeting.id}`, communityId, meetingId: meeting.id },
        [],
        'v1',
      )
      expect(await walk()).toEqual([`community/${communityId}/charter`])
    })
  })
}

import { addNorm, itemNotes, preambleFragment, readAgenda, readNorms, updateNorm } from '@confer/model'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMeeting, type Person, rolesFixture } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { openEventStream } from '../../../test/support/live-events.ts'
import { nextEvent, type RunningServer, startServer } from './test-server.ts'

let s: RunningServer
let facilitator: Person
let member: Person
let observer: Person
let outsider: Person
let communityId: string
let meetingId: string
const clients: TestClient[] = []

beforeAll(async () => {
  s = await startServer({
    env: { VERSION_INTERVAL_MS: '0', COMPACTION_DEBOUNCE_MS: '20', COMPACTION_MAX_DEBOUNCE_MS: '50' },
  })
  ;({ facilitator, member, observer, outsider, communityId, meetingId } = await rolesFixture(
    s.url,
    'Norms team',
  ))
  expect(
    (
      await facilitator.api.post(`/api/communities/${communityId}/charter/starter`, {
        starterId: 'starter-essentials',
      })
    ).status,
  ).toBe(204)
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

type Affirmations = {
  version: string
  people: { name: string; current: boolean; affirmedAt: string | null }[]
}
const affirmations = async () =>
  (await observer.api.get<Affirmations>(`/api/communities/${communityId}/charter/affirmations`)).body
const currentOf = (a: Affirmations, name: string) => a.people.find((p) => p.name === name)?.current

describe('charter', () => {
  it('a starter charter fills an empty charter once', async () => {
    const charter = await open(`community/${communityId}/charter`, member)
    expect(readNorms(charter.doc)).toHaveLength(5)
    const again = await facilitator.api.post(`/api/communities/${communityId}/charter/starter`, {
      starterId: 'starter-inquiry',
    })
    expect(again.status).toBe(409)
  })

  it('[N1] affirmations go stale when a norm is reworded, not when the preamble is fixed', async () => {
    await facilitator.api.post(`/api/communities/${communityId}/charter/affirm`, {})
    await member.api.post(`/api/communities/${communityId}/charter/affirm`, {})
    let state = await affirmations()
    expect(currentOf(state, 'Facilitator')).toBe(true)
    expect(currentOf(state, 'Member')).toBe(true)
    expect(currentOf(state, 'Observer')).toBe(false)

    const charter = await open(`community/${communityId}/charter`, member)
    preambleFragment(charter.doc).insert(0, [new Y.XmlText('Our charter (typo fixed)')])
    await waitForAcknowledged(charter)
    state = await affirmations()
    expect(currentOf(state, 'Member')).toBe(true)

    const first = readNorms(charter.doc)[0]
    updateNorm(charter.doc, first?.id as string, 'We start and end on time, every time.')
    await waitForAcknowledged(charter)
    const stale = await affirmations()
    expect(stale.version).not.toBe(state.version)
    expect(currentOf(stale, 'Member')).toBe(false)
    expect(currentOf(stale, 'Facilitator')).toBe(false)

    // Agreeing to a version one has not seen is refused.
    expect(
      (await member.api.post(`/api/communities/${communityId}/charter/affirm`, { version: state.version }))
        .status,
    ).toBe(409)
    expect(
      (await member.api.post(`/api/communities/${communityId}/charter/affirm`, { version: stale.version }))
        .status,
    ).toBe(200)
  })

  it('[N3] an agreement keeps the texts agreed to: the caller sees them after the norms change', async () => {
    const charter = await open(`community/${communityId}/charter`, member)
    const agreed = await member.api.post<{ mine: { version: string; norms: string[] | null } }>(
      `/api/communities/${communityId}/charter/affirm`,
      {},
    )
    expect(agreed.status).toBe(200)
    const texts = readNorms(charter.doc).map((n) => n.text.replace(/\s+/g, ' ').trim())
    expect(agreed.body.mine.norms).toEqual([...texts].sort())

    const first = readNorms(charter.doc)[0]
    updateNorm(charter.doc, first?.id as string, 'We start on time and end early.')
    await waitForAcknowledged(charter)
    const later = await member.api.get<{
      version: string
      mine: { version: string; norms: string[] | null } | null
      people: { name: string; current: boolean; agreedVersion: string | null }[]
    }>(`/api/communities/${communityId}/charter/affirmations`)
    expect(later.body.version).not.toBe(agreed.body.mine.version)
    expect(later.body.mine?.norms).toEqual(agreed.body.mine.norms)
    expect(later.body.mine?.norms).not.toContain('We start on time and end early.')
    const mine = later.body.people.find((p) => p.name === 'Member')
    expect(mine).toMatchObject({ current: false, agreedVersion: agreed.body.mine.version })
    // Someone who never agreed has nothing to compare with.
    const observers = await observer.api.get<{ mine: unknown }>(
      `/api/communities/${communityId}/charter/affirmations`,
    )
    expect(observers.body.mine).toBeNull()
  })

  it('[U1][N3] an agreement reaches the live streams of the community at once', async () => {
    const stream = await openEventStream(observer.api)
    try {
      await stream.nextComment((c) => c === 'connected')
      expect((await member.api.post(`/api/communities/${communityId}/charter/affirm`, {})).status).toBe(200)
      expect(await stream.next((e) => e.type === 'charter')).toEqual({ type: 'charter', communityId })
    } finally {
      stream.close()
    }
  })

  it('observers and outsiders cannot affirm', async () => {
    expect((await observer.api.post(`/api/communities/${communityId}/charter/affirm`, {})).status).toBe(403)
    expect((await outsider.api.post(`/api/communities/${communityId}/charter/affirm`, {})).status).toBe(404)
  })
})

describe('norms check', () => {
  it('[N2] validates ratings (1–5, members only) and aggregates them per meeting and over time', async () => {
    const charter = await open(`community/${communityId}/charter`, member)
    const [a, b] = readNorms(charter.doc)
    const rate = (who: Person, meeting: string, ratings: unknown) =>
      who.api.put<{ norms: { normId: string; average: number | null; count: number; comments: string[] }[] }>(
        `/api/meetings/${meeting}/norms-check`,
        { ratings },
      )
    for (const bad of [0, 6, 2.5]) {
      expect((await rate(member, meetingId, [{ normId: a?.id, rating: bad }])).status).toBe(400)
    }
    expect((await rate(member, meetingId, [{ normId: 'nosuchnorm', rating: 3 }])).status).toBe(400)
    expect((await rate(observer, meetingId, [{ normId: a?.id, rating: 3 }])).status).toBe(403)
    expect((await rate(outsider, meetingId, [{ normId: a?.id, rating: 3 }])).status).toBe(404)

    await rate(member, meetingId, [
      { normId: a?.id, rating: 4, comment: 'Mostly on time' },
      { normId: b?.id, rating: 2 },
    ])
    const summary = await rate(facilitator, meetingId, [{ normId: a?.id, rating: 2 }])
    expect(summary.status).toBe(200)
    expect(summary.body.norms.find((n) => n.normId === a?.id)).toMatchObject({
      average: 3,
      count: 2,
      comments: ['Mostly on time'],
    })

    const next = await createMeeting(facilitator, communityId, 'Next week')
    await rate(member, next, [{ normId: a?.id, rating: 5 }])
    const trend = await observer.api.get<{ norms: { normId: string; points: { average: number }[] }[] }>(
      `/api/communities/${communityId}/norms-trend`,
    )
    const pointsOfA = trend.body.norms.find((n) => n.normId === a?.id)?.points.map((p) => p.average)
    expect(pointsOfA).toHaveLength(2)
    expect(pointsOfA).toContain(3)
    expect(pointsOfA).toContain(5)
  })
})

describe('version history', () => {
  const versionTaken = (name: string) => nextEvent(s, 'versionTaken', (e) => e.documentName === name)

  it('[V1][V2] takes versions after bursts of editing, lists them with editors, and a restore reaches every client', async () => {
    const meeting = await createMeeting(facilitator, communityId, 'History')
    const name = `meeting/${meeting}`
    const writer = await open(name, member)
    const reader = await open(name, facilitator)
    const item = readAgenda(writer.doc)[0]?.id as string
    const notes = () => itemNotes(writer.doc, item) as Y.XmlFragment

    let taken = versionTaken(name)
    notes().insert(0, [new Y.XmlText('first draft of our notes')])
    await waitForAcknowledged(writer)
    await taken
    taken = versionTaken(name)
    notes().delete(0, notes().length)
    notes().insert(0, [new Y.XmlText('rewritten later')])
    await waitForAcknowledged(writer)
    await taken

    const list = await observer.api.get<{
      versions: { id: string; reason: string; editors: { name: string }[] }[]
    }>(`/api/meetings/${meeting}/versions`)
    expect(list.status).toBe(200)
    const firstDraft = list.body.versions[1]
    expect(firstDraft?.editors.map((e) => e.name)).toContain('Member')

    // An observer may read a version but not restore it.
    const bytes = await fetch(`${s.url}/api/meetings/${meeting}/versions/${firstDraft?.id}`, {
      headers: { cookie: observer.api.cookie ?? '' },
    })
    const old = new Y.Doc()
    Y.applyUpdate(old, new Uint8Array(await bytes.arrayBuffer()))
    expect(itemNotes(old, item)?.toString()).toBe('first draft of our notes')
    expect(
      (await observer.api.post(`/api/meetings/${meeting}/versions/${firstDraft?.id}/restore`)).status,
    ).toBe(403)

    expect(
      (await member.api.post(`/api/meetings/${meeting}/versions/${firstDraft?.id}/restore`)).status,
    ).toBe(204)
    for (const c of [writer, reader]) {
      await waitForDoc(
        c,
        (doc) => itemNotes(doc, item)?.toString() === 'first draft of our notes',
        'the restored notes',
      )
    }
    const after = await member.api.get<{ versions: { reason: string }[] }>(
      `/api/meetings/${meeting}/versions`,
    )
    expect(after.body.versions.map((v) => v.reason)).toContain('before-restore')
  })

  it('charter versions are restorable too, and outsiders see none of it', async () => {
    const name = `community/${communityId}/charter`
    const editor = await open(name, member)
    const taken = versionTaken(name)
    addNorm(editor.doc, 'We celebrate small wins.')
    await waitForAcknowledged(editor)
    await taken
    const list = await member.api.get<{ versions: { id: string }[] }>(
      `/api/communities/${communityId}/charter/versions`,
    )
    expect(list.body.versions.length).toBeGreaterThan(0)
    expect((await outsider.api.get(`/api/communities/${communityId}/charter/versions`)).status).toBe(404)
  })
})

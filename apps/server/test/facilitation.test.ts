import { itemsMap, readAgenda, readPresenter, readRun, readRunLog, readSpeakers } from '@confer/model'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { join, type Person, rolesFixture, signUp } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { type RunningServer, startServer } from './test-server.ts'

let s: RunningServer
let facilitator: Person
let coFacilitator: Person
let member: Person
let observer: Person
let outsider: Person
let communityId: string
let meetingId: string
const clients: TestClient[] = []

beforeAll(async () => {
  s = await startServer()
  const f = await rolesFixture(s.url, 'Tuning team')
  ;({ facilitator, member, observer, outsider, communityId, meetingId } = f)
  coFacilitator = await signUp(s.url, 'Co-facilitator')
  await join(facilitator, communityId, coFacilitator, 'facilitator')
})
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await facilitator.api.post(`/api/meetings/${meetingId}/run`, { action: 'stop' })
})
afterAll(() => s.close())

type RunResponse = {
  run: {
    state: string
    step: number
    speaker: number
    endsAt: number | null
    remainingMs: number | null
    presenterId: string | null
  }
}
const act = (who: Person, body: unknown) =>
  who.api.post<RunResponse & { error?: string; message?: string }>(`/api/meetings/${meetingId}/run`, body)

function watch(who: Person): TestClient {
  const c = connectClient(s.wsUrl, `meeting/${meetingId}/run`, who.token)
  clients.push(c)
  return c
}

describe('[F1] facilitator-only, server-authoritative protocol rounds', () => {
  it('members and observers cannot act (403); people outside the meeting get 404', async () => {
    for (const who of [member, observer]) {
      expect(await act(who, { action: 'start', protocolId: 'tuning' })).toMatchObject({
        status: 403,
        body: { error: 'forbidden' },
      })
    }
    expect((await act(outsider, { action: 'start', protocolId: 'tuning' })).status).toBe(404)
  })

  it('start stamps endsAt from the server clock, and every reader sees the same round', async () => {
    const reader = watch(member)
    await waitForSynced(reader)
    const before = Date.now()
    const res = await act(facilitator, { action: 'start', protocolId: 'tuning' })
    const after = Date.now()
    expect(res.status).toBe(200)
    const fiveMinutes = 5 * 60_000
    expect(res.body.run.endsAt).toBeGreaterThanOrEqual(before + fiveMinutes)
    expect(res.body.run.endsAt).toBeLessThanOrEqual(after + fiveMinutes)
    await waitForDoc(reader, (doc) => readRun(doc).state === 'running', 'the member to see the round start')
    expect(readRun(reader.doc)).toEqual({
      protocolId: 'tuning',
      step: 0,
      speaker: 0,
      state: 'running',
      endsAt: res.body.run.endsAt,
      remainingMs: null,
      presenterId: null,
    })
  })

  it('pause, resume, extend, next and prev propagate; a transition that makes no sense is a 409 with a reason', async () => {
    const reader = watch(observer)
    await waitForSynced(reader)
    await act(facilitator, { action: 'start', protocolId: 'consultancy' })
    const resumeWhileRunning = await act(facilitator, { action: 'resume' })
    expect(resumeWhileRunning).toMatchObject({ status: 409, body: { error: 'invalid_transition' } })
    expect(resumeWhileRunning.body.message).toMatch(/paused/)

    const paused = await act(facilitator, { action: 'pause' })
    expect(paused.body.run).toMatchObject({ state: 'paused', endsAt: null })
    await waitForDoc(reader, (doc) => readRun(doc).state === 'paused', 'the pause')
    const extended = await act(coFacilitator, { action: 'extend', seconds: 120 })
    expect(extended.body.run.remainingMs).toBe((paused.body.run.remainingMs ?? 0) + 120_000)
    await act(facilitator, { action: 'resume' })
    await act(facilitator, { action: 'next' })
    await waitForDoc(reader, (doc) => readRun(doc).step === 1 && readRun(doc).state === 'running', 'step 2')
    await act(facilitator, { action: 'prev' })
    await waitForDoc(reader, (doc) => readRun(doc).step === 0, 'back to step 1')
    expect((await act(facilitator, { action: 'prev' })).status).toBe(409)
  })

  it('concurrent actions from two facilitators resolve to one consistent state', async () => {
    await act(facilitator, { action: 'start', protocolId: 'tuning' })
    const nexts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => act(i % 2 ? coFacilitator : facilitator, { action: 'next' })),
    )
    expect(nexts.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200])
    expect(nexts.map((r) => r.body.run.step).sort()).toEqual([1, 2, 3, 4, 5, 6])
    const pauses = await Promise.all([
      act(facilitator, { action: 'pause' }),
      act(coFacilitator, { action: 'pause' }),
    ])
    expect(pauses.map((r) => r.status).sort()).toEqual([200, 409])
    const reader = watch(member)
    await waitForSynced(reader)
    expect(readRun(reader.doc)).toMatchObject({ step: 6, state: 'paused' })
  })

  it('go-round order: only people of the meeting (members of the community, or its guests: run-context.test.ts), each once', async () => {
    expect(await act(facilitator, { action: 'speakers', userIds: [member.id, outsider.id] })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    })
    const res = await act(facilitator, {
      action: 'speakers',
      userIds: [member.id, observer.id, facilitator.id],
    })
    expect(res.status).toBe(200)
    const reader = watch(member)
    await waitForSynced(reader)
    expect(readSpeakers(reader.doc)).toEqual([member.id, observer.id, facilitator.id])
  })

  it.each([
    [{ action: 'start' }],
    [{ action: 'launch' }],
    [{ action: 'extend', seconds: 0 }],
    [{ action: 'extend', seconds: 'lots' }],
    [{ action: 'pause', extra: true }],
    [{ action: 'start', protocolId: 'nosuchprotocol' }],
  ])('refuses %j without touching the round', async (body) => {
    const res = await act(facilitator, body)
    expect([400, 404]).toContain(res.status)
    expect(res.body.message?.length).toBeGreaterThan(0)
  })
})

/** Sets the meeting's first agenda item's owner and planned protocol, as a member's page would. */
async function planFirstItem(ownerId: string | null, protocolId: string | null): Promise<void> {
  const editor = connectClient(s.wsUrl, `meeting/${meetingId}`, facilitator.token)
  clients.push(editor)
  await waitForSynced(editor)
  const [item] = readAgenda(editor.doc)
  if (!item) throw new Error('the meeting has no agenda item')
  editor.doc.transact(() => {
    itemsMap(editor.doc).get(item.id)?.set('ownerId', ownerId)
    itemsMap(editor.doc).get(item.id)?.set('protocolId', protocolId)
  })
  await waitForAcknowledged(editor)
}

describe('[F4] the presenter of a round', () => {
  it('is anyone of the meeting, named at start or chosen any time; never someone outside it', async () => {
    const outside = await act(facilitator, {
      action: 'start',
      protocolId: 'tuning',
      presenterId: outsider.id,
    })
    expect(outside).toMatchObject({ status: 400, body: { error: 'invalid_request' } })
    expect(outside.body.message).toMatch(/presenter/)
    const reader = watch(observer)
    await waitForSynced(reader)
    expect(readRun(reader.doc).state).toBe('idle')

    const started = await act(facilitator, { action: 'start', protocolId: 'tuning', presenterId: member.id })
    expect(started.status).toBe(200)
    expect(started.body.run.presenterId).toBe(member.id)
    await waitForDoc(reader, (doc) => readPresenter(doc) === member.id, 'the presenter to reach readers')

    const changed = await act(facilitator, { action: 'presenter', userId: observer.id })
    expect(changed.body.run.presenterId).toBe(observer.id)
    expect(readRun(reader.doc).endsAt).toBe(started.body.run.endsAt)
    await waitForDoc(reader, (doc) => readPresenter(doc) === observer.id, 'the new presenter')
    expect(await act(facilitator, { action: 'presenter', userId: outsider.id })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    })
    expect(await act(member, { action: 'presenter', userId: member.id })).toMatchObject({ status: 403 })
    await act(facilitator, { action: 'presenter', userId: null })
    await waitForDoc(reader, (doc) => readPresenter(doc) === null, 'no presenter')
    expect(await act(facilitator, { action: 'presenter' })).toMatchObject({ status: 400 })
  })

  it('defaults to the owner of the agenda item that plans the protocol, unless one was chosen', async () => {
    await planFirstItem(member.id, 'consultancy')
    try {
      const planned = await act(facilitator, { action: 'start', protocolId: 'consultancy' })
      expect(planned.body.run.presenterId).toBe(member.id)
      // Another protocol is not that item's: no presenter.
      await act(facilitator, { action: 'stop' })
      const other = await act(facilitator, { action: 'start', protocolId: 'atlas' })
      expect(other.body.run.presenterId).toBeNull()
      await act(facilitator, { action: 'stop' })
      // Chosen before the round: that choice wins over the item's owner.
      await act(facilitator, { action: 'presenter', userId: coFacilitator.id })
      const chosen = await act(facilitator, { action: 'start', protocolId: 'consultancy' })
      expect(chosen.body.run.presenterId).toBe(coFacilitator.id)
      await act(facilitator, { action: 'stop' })
      // Named at start, even as nobody.
      const nobody = await act(facilitator, { action: 'start', protocolId: 'consultancy', presenterId: null })
      expect(nobody.body.run.presenterId).toBeNull()
      await act(facilitator, { action: 'stop' })
      // An owner who cannot open the meeting is not made presenter.
      await planFirstItem(outsider.id, 'consultancy')
      const stranger = await act(facilitator, { action: 'start', protocolId: 'consultancy' })
      expect(stranger.body.run.presenterId).toBeNull()
    } finally {
      await planFirstItem(null, null)
    }
  })
})

describe('[F5] the run log', () => {
  it('records each step a round goes through with the server’s times, for every reader', async () => {
    const reader = watch(member)
    await waitForSynced(reader)
    const before = Date.now()
    await act(facilitator, { action: 'start', protocolId: 'tuning' })
    await act(facilitator, { action: 'pause' })
    await act(facilitator, { action: 'resume' })
    await act(facilitator, { action: 'next' })
    await act(facilitator, { action: 'next' })
    await act(facilitator, { action: 'stop' })
    const after = Date.now()
    const ours = () => readRunLog(reader.doc).filter((entry) => entry.startedAt >= before)
    await waitForDoc(
      reader,
      () => ours().length === 3 && ours()[2]?.endedAt !== null,
      'the log of three steps',
    )
    const log = ours()
    expect(log.map((entry) => [entry.protocolId, entry.step])).toEqual([
      ['tuning', 0],
      ['tuning', 1],
      ['tuning', 2],
    ])
    for (const [i, entry] of log.entries()) {
      expect(entry.startedAt).toBeGreaterThanOrEqual(before)
      expect(entry.endedAt).toBeLessThanOrEqual(after)
      expect(entry.endedAt).toBeGreaterThanOrEqual(entry.startedAt)
      // One step ends at the very instant the next starts.
      if (i > 0) expect(entry.startedAt).toBe(log[i - 1]?.endedAt)
    }
  })
})

describe('protocol library', () => {
  it('lists the built-in protocols', async () => {
    const res = await member.api.get<{ protocols: { id: string; steps: unknown[] }[] }>('/api/protocols')
    expect(res.body.protocols.map((p) => p.id)).toContain('tuning')
    expect(res.body.protocols).toHaveLength(10)
  })

  it('a team saves its own copy, edits it, and runs it', async () => {
    const library = await member.api.get<{
      protocols: { id: string; name: string; purpose: string; steps: unknown[] }[]
    }>('/api/protocols')
    const tuning = library.body.protocols.find((p) => p.id === 'tuning')
    const { id: _id, ...body } = tuning as { id: string; name: string; purpose: string; steps: unknown[] }
    const saved = await member.api.post<{ protocol: { id: string } }>(
      `/api/communities/${communityId}/protocols`,
      {
        ...body,
        name: 'Our short tuning',
        steps: body.steps.slice(0, 3),
      },
    )
    expect(saved.status).toBe(201)
    const own = await observer.api.get<{ own: { name: string; steps: unknown[] }[] }>(
      `/api/communities/${communityId}/protocols`,
    )
    expect(own.body.own.map((p) => [p.name, p.steps.length])).toEqual([['Our short tuning', 3]])
    const started = await act(facilitator, { action: 'start', protocolId: saved.body.protocol.id })
    expect(started.status).toBe(200)
    // Another community cannot run it.
    const otherMeeting = await outsider.api.post<{ meeting: { id: string } }>(
      `/api/communities/${(await outsider.api.get<{ communities: { id: string }[] }>('/api/me')).body.communities[0]?.id}/meetings`,
      { title: 'x', startsAt: '2027-01-01T10:00:00Z', durationMinutes: 30 },
    )
    const foreign = await outsider.api.post(`/api/meetings/${otherMeeting.body.meeting.id}/run`, {
      action: 'start',
      protocolId: saved.body.protocol.id,
    })
    expect(foreign.status).toBe(404)
  })

  it('refuses a protocol with impossible steps', async () => {
    const res = await member.api.post(`/api/communities/${communityId}/protocols`, {
      name: 'Bad',
      purpose: '',
      steps: [
        { title: 'x', minutes: 0, speaker: 'everyone', prompt: '', presenterSilent: false, perMember: false },
      ],
    })
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid_request' } })
  })
})

import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import {
  addEvidence,
  addGoal,
  CloseCode,
  cycleMap,
  DenyReason,
  evidenceArray,
  goalPoints,
  goalsArray,
  moveStage,
  PLAN_LIMITS,
  planProblems,
  readAgenda,
  readPlan,
  stageTemplate,
  updateGoal,
} from '@confer/model'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import * as Y from 'yjs'
import {
  createMeeting,
  type Person,
  type RolesFixture,
  rolesFixture,
} from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { PLAN_REFUSAL } from '../src/collab/extensions/plan-guard.ts'
import { hashSecret } from '../src/services/secrets.ts'
import { DATABASE_FILE } from '../src/stores/sqlite/database.ts'
import {
  authenticateRaw,
  type Closed,
  frame,
  MessageType,
  openRawSocket,
  sendUpdate,
  whenClosed,
} from './raw-socket.ts'
import { nextEvent, type RunningServer, startServer } from './test-server.ts'

/** Issue 28, part A: the plan document's shape is kept by the server, and it has history like the charter. */
let s: RunningServer
let f: RolesFixture
let name: string
const clients: TestClient[] = []
const sockets: WebSocket[] = []

beforeAll(async () => {
  s = await startServer({
    env: { VERSION_INTERVAL_MS: '0', COMPACTION_DEBOUNCE_MS: '20', COMPACTION_MAX_DEBOUNCE_MS: '50' },
  })
  f = await rolesFixture(s.url, 'Grade 4 literacy')
  name = `community/${f.communityId}/plan`
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
  for (const socket of sockets.splice(0)) socket.terminate()
})
afterAll(() => s.close())

async function open(documentName: string, who: Person): Promise<TestClient> {
  const c = connectClient(s.wsUrl, documentName, who.token)
  clients.push(c)
  await waitForSynced(c)
  return c
}

async function rawSocket(documentName: string, who: Person): Promise<WebSocket> {
  const socket = await openRawSocket(s.wsUrl)
  sockets.push(socket)
  expect(await authenticateRaw(socket, documentName, who.token)).toMatchObject({ ok: true })
  return socket
}

/** What `change` does to a copy of `doc`, as one update: what a modified client would send. */
function updateOn(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(copy)
  change(copy)
  return Y.encodeStateAsUpdate(copy, before)
}

type Outcome = { acknowledged: boolean } | { closed: Closed }

/** Sends `update` and resolves with what came first: an acknowledgement (SyncStatus) or the close. */
function send(socket: WebSocket, documentName: string, update: Uint8Array): Promise<Outcome> {
  const outcome = new Promise<Outcome>((resolve) => {
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarString(decoder) !== documentName) return
      if (decoding.readVarUint(decoder) !== MessageType.SyncStatus) return
      resolve({ acknowledged: decoding.readVarInt(decoder) === 1 })
    })
    void whenClosed(socket).then((closed) => resolve({ closed }))
  })
  socket.send(
    frame(documentName, MessageType.Sync, (e) => {
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, update)
    }),
  )
  return outcome
}

/** The plan as the store holds it (snapshot and journal), not as any live copy does. */
async function stored(documentName: string): Promise<Y.Doc> {
  const doc = new Y.Doc()
  for (const update of (await s.server.services.documents.load(documentName)).updates)
    Y.applyUpdate(doc, update)
  return doc
}

const entry = (fields: Record<string, unknown>) => {
  const map = new Y.Map<unknown>()
  for (const [k, v] of Object.entries(fields)) map.set(k, v)
  return map
}
const goal = (id: string, statement: string) =>
  entry({ id, statement, measure: 'Benchmark', target: '80%', due: null, alignsTo: '' })

const malformed: [string, (doc: Y.Doc) => void][] = [
  ['a goal without a statement', (d) => goalsArray(d).push([goal('noStatement0001', '  ')])],
  [
    'a goal edited to have no statement',
    (d) => (goalsArray(d).get(0) as Y.Map<unknown>).set('statement', ''),
  ],
  ['a stage not in the cycle', (d) => cycleMap(d).set('stage', 'celebrate')],
  ['a cycle date that is not YYYY-MM-DD', (d) => cycleMap(d).set('since', '09/01/2026')],
  [
    'an evidence date that is not YYYY-MM-DD',
    (d) =>
      evidenceArray(d).push([entry({ id: 'badDate00000001', date: '2026-9-1', goalId: null, value: 1 })]),
  ],
  [
    'a value that is not a finite number',
    (d) =>
      evidenceArray(d).push([
        entry({ id: 'infinite0000001', date: '2026-09-01', goalId: null, value: Infinity }),
      ]),
  ],
  [
    'too many goals',
    (d) => {
      for (let i = goalsArray(d).length; i <= PLAN_LIMITS.goals; i++)
        goalsArray(d).push([goal(`manyGoals${String(i).padStart(6, '0')}`, `Goal ${i}`)])
    },
  ],
  [
    'over-long text',
    (d) => goalsArray(d).push([goal('tooLong00000001', 'x'.repeat(PLAN_LIMITS.statementChars + 1))]),
  ],
]

describe('[PL2] the server keeps the plan well-formed', () => {
  let watcher: TestClient

  beforeAll(async () => {
    const editor = connectClient(s.wsUrl, name, f.facilitator.token)
    await waitForSynced(editor)
    addGoal(editor.doc, { statement: 'More grade 4 readers at benchmark', target: '80% by June' })
    moveStage(editor.doc, 'assess', '2026-09-01')
    await waitForAcknowledged(editor)
    editor.destroy()
  })

  it.each(malformed)(
    '[PL2] %s: refused with 4422, not applied, stored, acknowledged or broadcast',
    async (_, change) => {
      watcher = await open(name, f.facilitator)
      const socket = await rawSocket(name, f.member)
      expect(await send(socket, name, updateOn(watcher.doc, change))).toEqual({ closed: PLAN_REFUSAL })
      expect(PLAN_REFUSAL.code).toBe(CloseCode.updateRejected)

      // A valid edit after it goes through; had the refused update been broadcast, it would have come first.
      const editor = await open(name, f.member)
      const statement = `Checked ${Math.random()}`
      addGoal(editor.doc, { statement })
      await waitForDoc(
        watcher,
        (doc) => readPlan(doc).goals.some((g) => g.statement === statement),
        'the valid edit',
      )
      await waitForAcknowledged(editor)
      for (const doc of [watcher.doc, editor.doc, await stored(name)]) expect(planProblems(doc)).toEqual([])
      // Make room for the next case's 51st goal.
      const id = readPlan(editor.doc).goals.find((g) => g.statement === statement)?.id as string
      goalsArray(editor.doc).delete(
        readPlan(editor.doc).goals.findIndex((g) => g.id === id),
        1,
      )
      await waitForAcknowledged(editor)
    },
  )

  it('[PL2] a real provider writing a malformed goal is closed with 4422 and nobody gets the goal', async () => {
    watcher = await open(name, f.facilitator)
    const writer = await open(name, f.member)
    const closed = new Promise<Closed>((resolve) =>
      writer.provider.configuration.websocketProvider.on('close', ({ event }: { event: CloseEvent }) =>
        resolve({ code: event.code, reason: event.reason }),
      ),
    )
    goalsArray(writer.doc).push([goal('fromProvider001', '')])
    expect(await closed).toEqual(PLAN_REFUSAL)
    writer.destroy()

    const fresh = await open(name, f.observer)
    for (const doc of [watcher.doc, fresh.doc, await stored(name)]) {
      expect(
        goalsArray(doc)
          .toArray()
          .some((g) => g instanceof Y.Map && g.get('id') === 'fromProvider001'),
      ).toBe(false)
    }
  })

  it('[PL2] a plan already malformed before this check stays editable: only new problems are refused', async () => {
    const legacy = await rolesFixture(s.url, 'Legacy plan team')
    const legacyName = `community/${legacy.communityId}/plan`
    // Written to the store before anyone opened the document, as an older server let it be.
    const old = new Y.Doc()
    goalsArray(old).push([goal('legacyGoal00001', '')])
    await s.server.services.documents.append([{ name: legacyName, update: Y.encodeStateAsUpdate(old) }])

    const editor = await open(legacyName, legacy.member)
    expect(planProblems(editor.doc)).toEqual(['goal legacyGoal00001: statement is required'])
    moveStage(editor.doc, 'plan', '2026-10-01')
    addGoal(editor.doc, { statement: 'A new, good goal' })
    await waitForAcknowledged(editor)
    const socket = await rawSocket(legacyName, legacy.member)
    expect(
      await send(
        socket,
        legacyName,
        updateOn(editor.doc, (d) => cycleMap(d).set('stage', 'x')),
      ),
    ).toEqual({
      closed: PLAN_REFUSAL,
    })
    expect(readPlan(await stored(legacyName)).cycle).toEqual({ stage: 'plan', since: '2026-10-01' })
  })
})

describe('[PL1] [PL3] members edit the plan together, observers read it', () => {
  it('[PL1] goals, a stage move and evidence with a value converge between two members', async () => {
    const a = await open(name, f.member)
    const b = await open(name, f.facilitator)
    const goalId = addGoal(a.doc, {
      statement: 'Every student writes a paragraph a day',
      due: '2027-05-31',
    }) as string
    moveStage(a.doc, 'act', '2026-10-05')
    await waitForDoc(b, (doc) => readPlan(doc).goals.some((g) => g.id === goalId), 'the goal')
    addEvidence(b.doc, {
      date: '2026-10-12',
      goalId,
      tried: 'Quick writes',
      showed: 'Longer answers',
      value: 41,
    })
    addEvidence(b.doc, { date: '2026-10-06', goalId, tried: 'Baseline', value: 30 })
    await waitForDoc(a, (doc) => goalPoints(readPlan(doc), goalId).length === 2, 'the evidence')
    await Promise.all([waitForAcknowledged(a), waitForAcknowledged(b)])
    expect(readPlan(a.doc)).toEqual(readPlan(b.doc))
    expect(goalPoints(readPlan(a.doc), goalId)).toEqual([
      { date: '2026-10-06', value: 30 },
      { date: '2026-10-12', value: 41 },
    ])
    expect(readPlan(a.doc).cycle).toEqual({ stage: 'act', since: '2026-10-05' })
    expect(readPlan(await stored(name))).toEqual(readPlan(a.doc))
  })

  it("[PL3] an observer's write never reaches storage or the others", async () => {
    const watcher = await open(name, f.member)
    const socket = await openRawSocket(s.wsUrl)
    sockets.push(socket)
    expect(await authenticateRaw(socket, name, f.observer.token)).toEqual({ ok: true, scope: 'readonly' })
    const update = updateOn(watcher.doc, (d) =>
      goalsArray(d).push([goal('byObserver00001', 'Observer goal')]),
    )
    expect(await sendUpdate(socket, name, update)).toBe(false)
    const fresh = await open(name, f.facilitator)
    for (const doc of [watcher.doc, fresh.doc, await stored(name)]) {
      expect(readPlan(doc).goals.map((g) => g.id)).not.toContain('byObserver00001')
    }
  })
})

describe('[PL3] [A1] [A2] [A4] who may open the plan document', () => {
  let guest: Person
  let guestMeeting: string

  beforeAll(async () => {
    // A member of another community of a network this community belongs to, let into one of its meetings.
    const network = await f.facilitator.api.post<{ network: { id: string } }>('/api/networks', {
      name: 'Literacy network',
      communityId: f.communityId,
    })
    const invite = await f.facilitator.api.post<{ code: string }>(
      `/api/networks/${network.body.network.id}/invites`,
    )
    const other = await rolesFixture(s.url, 'Neighbour school')
    await other.facilitator.api.post(`/api/network-invites/${invite.body.code}/accept`, {
      communityId: other.communityId,
    })
    guest = other.member
    guestMeeting = await createMeeting(f.facilitator, f.communityId, 'Open to the network')
    expect(
      (await f.facilitator.api.put(`/api/meetings/${guestMeeting}/network-access`, { guestRole: 'member' }))
        .status,
    ).toBe(200)
  })

  async function verdict(documentName: string, token: string) {
    const socket = await openRawSocket(s.wsUrl)
    sockets.push(socket)
    return authenticateRaw(socket, documentName, token)
  }

  it('[PL3] facilitators and members write, observers read', async () => {
    expect(await verdict(name, f.facilitator.token)).toEqual({ ok: true, scope: 'read-write' })
    expect(await verdict(name, f.member.token)).toEqual({ ok: true, scope: 'read-write' })
    expect(await verdict(name, f.observer.token)).toEqual({ ok: true, scope: 'readonly' })
  })

  it('[PL3] [A2] anonymous and expired credentials are unauthenticated', async () => {
    expect(await verdict(name, '')).toEqual({ ok: false, reason: DenyReason.unauthenticated })
    const expired = (await rolesFixture(s.url, 'Expiring team')).member
    const sqlite = new DatabaseSync(path.join(s.dataDir, DATABASE_FILE))
    try {
      sqlite
        .prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?')
        .run(Date.now() - 1, hashSecret(expired.token))
    } finally {
      sqlite.close()
    }
    expect(await verdict(name, expired.token)).toEqual({ ok: false, reason: DenyReason.unauthenticated })
  })

  it('[PL3] [A1] outsiders and network guests are refused as for an unknown id', async () => {
    // The guest really is one: the meeting opened to the network opens for them.
    expect(await verdict(`meeting/${guestMeeting}`, guest.token)).toMatchObject({ ok: true })
    for (const who of [f.outsider, guest]) {
      expect(await verdict(name, who.token)).toEqual({ ok: false, reason: DenyReason.unknownDocument })
      expect(await verdict('community/nosuchcommunity1/plan', who.token)).toEqual({
        ok: false,
        reason: DenyReason.unknownDocument,
      })
    }
  })
})

describe('[PL3] version history and restore, as for the charter', () => {
  it('[PL3] two versions, the older restored reaches both members; observers read but cannot restore', async () => {
    const team = await rolesFixture(s.url, 'Plan history team')
    const planName = `community/${team.communityId}/plan`
    const taken = () => nextEvent(s, 'versionTaken', (e) => e.documentName === planName)
    const a = await open(planName, team.member)
    const b = await open(planName, team.facilitator)

    let version = taken()
    const goalId = addGoal(a.doc, { statement: 'First wording of our goal' }) as string
    await waitForAcknowledged(a)
    await version
    version = taken()
    updateGoal(a.doc, goalId, { statement: 'Second wording' })
    moveStage(a.doc, 'learn', '2026-11-02')
    await waitForAcknowledged(a)
    await version

    const versions = `/api/communities/${team.communityId}/plan/versions`
    const list = await team.observer.api.get<{ versions: { id: string; editors: { name: string }[] }[] }>(
      versions,
    )
    expect(list.status).toBe(200)
    const older = list.body.versions[1]
    expect(older?.editors.map((e) => e.name)).toContain('Member')
    const bytes = await fetch(`${s.url}${versions}/${older?.id}`, {
      headers: { cookie: team.observer.api.cookie ?? '' },
    })
    const old = new Y.Doc()
    Y.applyUpdate(old, new Uint8Array(await bytes.arrayBuffer()))
    expect(readPlan(old).goals.map((g) => g.statement)).toEqual(['First wording of our goal'])

    expect(await team.observer.api.post(`${versions}/${older?.id}/restore`)).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    })
    expect((await team.outsider.api.get(versions)).status).toBe(404)
    expect((await team.member.api.post(`${versions}/${older?.id}/restore`)).status).toBe(204)
    for (const c of [a, b]) {
      await waitForDoc(
        c,
        (doc) =>
          readPlan(doc).goals[0]?.statement === 'First wording of our goal' && readPlan(doc).cycle === null,
        'the restored plan',
      )
    }
    const after = await team.member.api.get<{ versions: { reason: string }[] }>(versions)
    expect(after.body.versions.map((v) => v.reason)).toContain('before-restore')
  })
})

describe('[PL4] stage templates', () => {
  it('[PL4] scheduling from a stage template starts the meeting with its agenda, linked to the plan', async () => {
    const templates = await f.member.api.get<{ templates: { id: string; stage?: string }[] }>(
      `/api/communities/${f.communityId}/templates`,
    )
    expect(templates.body.templates.filter((t) => t.stage).map((t) => t.stage)).toEqual([
      'assess',
      'plan',
      'learn',
      'act',
      'evidence',
      'reflect',
    ])
    const template = stageTemplate('reflect')
    const res = await f.facilitator.api.post<{ meeting: { id: string } }>(
      `/api/communities/${f.communityId}/meetings`,
      {
        title: 'End of cycle',
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        durationMinutes: 60,
        templateId: template?.id,
      },
    )
    expect(res.status).toBe(201)
    const meeting = await open(`meeting/${res.body.meeting.id}`, f.member)
    expect(readAgenda(meeting.doc).map((i) => [i.title, i.minutes, i.planLink])).toEqual(
      template?.items.map((i) => [i.title, i.minutes, i.planLink ?? null]),
    )
  })
})

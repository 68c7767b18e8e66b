import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {
  addAction,
  addAgendaItem,
  addNorm,
  itemNotes,
  readActions,
  readAgenda,
  readNorms,
  updateAction,
} from '@confer/model'
import { Client } from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ApiClient, createMeeting, type Person, rolesFixture } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { type FreshDatabase, freshDatabase } from '../../../test/support/services/fresh.ts'
import { CopyRefused, copySqliteToPostgres } from '../src/stores/copy-to-postgres.ts'
import { DATABASE_FILE, openDatabase } from '../src/stores/sqlite/database.ts'
import { backupSqlite } from '../src/stores/sqlite/online-backup.ts'
import { SqliteDocumentStore } from '../src/stores/sqlite/sqlite-document-store.ts'
import { download, PNG, upload } from './resources-support.ts'
import { nextEvent, type RunningServer, startServer, tempDataDir } from './test-server.ts'

/**
 * SPEC O4: an installation built through the real server on SQLite (people, a community with a
 * network, meetings edited by real providers, a charter, versions, actions, attendance,
 * templates, protocols, a run) moves to PostgreSQL with `pnpm migrate:postgres`'s copy, and the
 * server on PostgreSQL answers the same.
 */

// Versions after every burst and quick compactions, so the installation has all of them.
const ENV = { VERSION_INTERVAL_MS: '0', COMPACTION_DEBOUNCE_MS: '20', COMPACTION_MAX_DEBOUNCE_MS: '50' }

const clients: TestClient[] = []
const servers: RunningServer[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
})

let database: FreshDatabase
let sqlite: RunningServer
let people: { facilitator: Person; member: Person; observer: Person; outsider: Person }
let communityId: string
let meetingId: string
let meetingDoc: string
let charterDoc: string
let runDoc: string
/** GET paths and who asks; their answers must not change with the move. */
let questions: [keyof typeof people, string][]
/** What the SQLite server answered to `questions`, in order. */
let answersBefore: unknown[]
/** What the documents hold (as their clients read them) once the installation is stopped. */
const contentsBefore = new Map<string, { content: unknown; stateVector: Uint8Array }>()
const OFFLINE_ITEM = 'Added just before the server stopped'
/** GET address of the file shared in the installation. */
let sharedFileUrl: string

beforeAll(async () => {
  database = await freshDatabase()
  sqlite = await startServer({ env: ENV })
  servers.push(sqlite)
  await buildInstallation(sqlite)
}, 60_000)
afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.close()
  await database?.drop()
})

function open(s: RunningServer, name: string, who: Person): Promise<TestClient> {
  const c = connectClient(s.wsUrl, name, who.token)
  clients.push(c)
  return waitForSynced(c).then(() => c)
}

/** Everything a person sees in a document, through the model's accessors. */
function contentOf(doc: Y.Doc): unknown {
  return {
    agenda: readAgenda(doc).map((item) => ({ ...item, notes: itemNotes(doc, item.id)?.toString() ?? null })),
    actions: readActions(doc),
    norms: readNorms(doc),
    run: doc.getMap('run').toJSON(),
  }
}

async function buildInstallation(s: RunningServer): Promise<void> {
  const f = await rolesFixture(s.url, 'Lincoln grade 4')
  people = { facilitator: f.facilitator, member: f.member, observer: f.observer, outsider: f.outsider }
  const { facilitator, member, observer, outsider } = people
  communityId = f.communityId
  meetingId = f.meetingId
  meetingDoc = `meeting/${meetingId}`
  charterDoc = `community/${communityId}/charter`
  runDoc = `meeting/${meetingId}/run`
  const ok = async (res: Promise<{ status: number; body: unknown }>, status = 200) => {
    const { status: got, body } = await res
    if (got !== status) throw new Error(`setup answered ${got}: ${JSON.stringify(body)}`)
    return body
  }

  // A network with the outsider's school, the meeting open to it, and a pending invite.
  const network = (await ok(
    facilitator.api.post('/api/networks', { name: 'District network', communityId }),
    201,
  )) as { network: { id: string } }
  const networkInvite = (await ok(
    facilitator.api.post(`/api/networks/${network.network.id}/invites`),
    201,
  )) as { code: string }
  await ok(
    outsider.api.post(`/api/network-invites/${networkInvite.code}/accept`, {
      communityId: f.outsiderCommunityId,
    }),
  )
  await ok(facilitator.api.put(`/api/meetings/${meetingId}/network-access`, { guestRole: 'observer' }))
  await ok(facilitator.api.post(`/api/communities/${communityId}/invites`, { role: 'member' }), 201)
  await ok(
    facilitator.api.post(`/api/communities/${communityId}/meetings/series`, {
      title: 'Weekly data meeting',
      startsAt: [1, 2].map((week) => new Date(Date.now() + week * 7 * 86_400_000).toISOString()),
      durationMinutes: 45,
    }),
    201,
  )
  await createMeeting(facilitator, communityId, 'Next week')

  // The charter: a starter, edited by a member (a version), affirmed.
  await ok(
    facilitator.api.post(`/api/communities/${communityId}/charter/starter`, {
      starterId: 'starter-essentials',
    }),
    204,
  )
  const charter = await open(s, charterDoc, member)
  let taken = nextEvent(s, 'versionTaken', (e) => e.documentName === charterDoc)
  addNorm(charter.doc, 'We celebrate small wins.')
  await waitForAcknowledged(charter)
  await taken
  await ok(facilitator.api.post(`/api/communities/${communityId}/charter/affirm`, {}))

  // The meeting: notes in two drafts (two versions), an item, action items (one done).
  const writer = await open(s, meetingDoc, member)
  await open(s, meetingDoc, facilitator)
  const first = readAgenda(writer.doc)[0]?.id as string
  const notes = itemNotes(writer.doc, first) as Y.XmlFragment
  taken = nextEvent(s, 'versionTaken', (e) => e.documentName === meetingDoc)
  notes.insert(0, [new Y.XmlText('first draft of our notes')])
  await waitForAcknowledged(writer)
  await taken
  taken = nextEvent(s, 'versionTaken', (e) => e.documentName === meetingDoc)
  const indexed = nextEvent(s, 'actionsIndexed', (e) => e.meetingId === meetingId)
  notes.delete(0, notes.length)
  notes.insert(0, [new Y.XmlText('the notes we kept')])
  addAgendaItem(writer.doc, { title: 'Student work', minutes: 20 })
  addAction(writer.doc, { text: 'Draft the parent letter', ownerId: member.id, due: '2030-05-01' })
  const done = addAction(writer.doc, { text: 'Book the library' })
  updateAction(writer.doc, done, { done: true })
  await waitForAcknowledged(writer)
  await taken
  await indexed

  // Attendance (presence and a correction), norms ratings, a template, a protocol and a run.
  await ok(
    facilitator.api.put(`/api/meetings/${meetingId}/attendance`, { userId: observer.id, present: false }),
  )
  const norm = readNorms(charter.doc)[0]?.id
  await ok(
    member.api.put(`/api/meetings/${meetingId}/norms-check`, {
      ratings: [{ normId: norm, rating: 4, comment: 'Mostly on time' }],
    }),
  )
  await ok(
    facilitator.api.post(`/api/communities/${communityId}/templates`, { name: 'Our Monday', meetingId }),
    201,
  )
  const library = (await ok(member.api.get('/api/protocols'))) as {
    protocols: { id: string; name: string; purpose: string; steps: unknown[] }[]
  }
  const { id: _id, ...tuning } = library.protocols.find((p) => p.id === 'tuning') as {
    id: string
    steps: unknown[]
  }
  const own = (await ok(
    member.api.post(`/api/communities/${communityId}/protocols`, {
      ...tuning,
      name: 'Our short tuning',
      steps: tuning.steps.slice(0, 2),
    }),
    201,
  )) as { protocol: { id: string } }
  await ok(
    facilitator.api.post(`/api/meetings/${meetingId}/run`, { action: 'start', protocolId: own.protocol.id }),
  )
  const run = await open(s, runDoc, observer)

  // A shared file and a link (SPEC RS3): the bytes move with the records.
  const shared = await upload(s.url, member, communityId, 'student work.png', PNG)
  if (shared.status !== 201) throw new Error(`upload answered ${shared.status}`)
  sharedFileUrl = shared.body.resource.url
  await ok(
    member.api.post(`/api/communities/${communityId}/resources`, { url: 'https://example.org/unit' }),
    201,
  )

  questions = [
    ['facilitator', '/api/me'],
    ['member', '/api/me'],
    ['member', '/api/me/overview'],
    ['outsider', '/api/me/overview'],
    ['facilitator', `/api/communities/${communityId}`],
    ['facilitator', `/api/communities/${communityId}/invites`],
    ['member', `/api/communities/${communityId}/meetings`],
    ['member', `/api/meetings/${meetingId}`],
    ['member', `/api/communities/${communityId}/actions`],
    ['member', `/api/communities/${communityId}/templates`],
    ['member', `/api/communities/${communityId}/protocols`],
    ['member', `/api/meetings/${meetingId}/protocols`],
    ['facilitator', `/api/meetings/${meetingId}/attendance`],
    ['observer', `/api/communities/${communityId}/charter/affirmations`],
    ['observer', `/api/communities/${communityId}/norms-trend`],
    ['member', `/api/meetings/${meetingId}/norms-check`],
    ['observer', `/api/meetings/${meetingId}/versions`],
    ['observer', `/api/communities/${communityId}/charter/versions`],
    ['facilitator', '/api/networks'],
    ['facilitator', `/api/networks/${network.network.id}`],
    ['outsider', `/api/meetings/${meetingId}/run/context`],
    ['outsider', `/api/communities/${communityId}`],
    ['observer', `/api/communities/${communityId}/resources`],
  ]
  answersBefore = await ask(s.url)
  for (const [name, c] of [
    [meetingDoc, writer],
    [charterDoc, charter],
    [runDoc, run],
  ] as const) {
    contentsBefore.set(name, { content: contentOf(c.doc), stateVector: Y.encodeStateVector(c.doc) })
  }
  for (const c of clients.splice(0)) c.destroy()
}

const ROOT = path.resolve(import.meta.dirname, '../../..')

/** Runs one of the root scripts (as `pnpm <script>` does) and resolves with its exit and output. */
function command(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(ROOT, script), ...args],
      { cwd: ROOT, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error)
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr })
      },
    )
  })
}

/** The answers to `questions` from the server at `url`, each person with their own cookie. */
async function ask(url: string): Promise<unknown[]> {
  const answers: unknown[] = []
  for (const [who, path] of questions) {
    const api = new ApiClient(url)
    api.cookie = people[who].api.cookie
    const { status, body } = await api.get(path)
    answers.push({ who, path, status, body })
  }
  return answers
}

describe('[O4] backing up a running installation', () => {
  it('an online backup taken while people edit opens as the same installation', async () => {
    const writer = await open(sqlite, meetingDoc, people.member)
    const backupDir = tempDataDir()
    const file = path.join(backupDir, DATABASE_FILE)
    // `pnpm backup <file>`, as an operator runs it beside the live server.
    const backup = await command('scripts/backup.ts', [file], { DATA_DIR: sqlite.dataDir })
    expect(backup).toMatchObject({ code: 0, stdout: expect.stringContaining(`to ${file}`) })
    // A second backup never overwrites the first.
    await expect(backupSqlite(sqlite.dataDir, file)).rejects.toThrow(/already exists/)
    writer.destroy()

    const restored = await startServer({ dataDir: backupDir, env: ENV })
    servers.push(restored)
    expect(await ask(restored.url)).toEqual(answersBefore)
    const reader = await open(restored, meetingDoc, people.member)
    expect(contentOf(reader.doc)).toEqual(contentsBefore.get(meetingDoc)?.content)
    await restored.close()
    servers.splice(servers.indexOf(restored), 1)
  })
})

describe('[O4] pnpm migrate:postgres', () => {
  let postgres: RunningServer
  /** The meeting as its last client left it, plus the item only the journal holds. */
  let expectedMeeting: { content: unknown; stateVector: Uint8Array }

  it('copies a stopped installation into an empty database, and the server on it answers the same', async () => {
    await sqlite.close()
    servers.splice(servers.indexOf(sqlite), 1)

    // An edit acknowledged just before a kill -9: in the journal, not in any snapshot yet.
    const db = openDatabase(sqlite.dataDir)
    const store = new SqliteDocumentStore(db)
    const doc = new Y.Doc()
    for (const update of (await store.load(meetingDoc)).updates) Y.applyUpdate(doc, update)
    const before = Y.encodeStateVector(doc)
    addAgendaItem(doc, { title: OFFLINE_ITEM, minutes: 5 })
    store.appendNow([{ name: meetingDoc, update: Y.encodeStateAsUpdate(doc, before) }])
    db.close()
    expectedMeeting = { content: contentOf(doc), stateVector: Y.encodeStateVector(doc) }
    expect(readAgenda(doc).map((i) => i.title)).toContain(OFFLINE_ITEM)

    const lines: string[] = []
    const report = await copySqliteToPostgres({
      dataDir: sqlite.dataDir,
      databaseUrl: database.url,
      log: (line) => lines.push(line),
    })
    const rows = Object.fromEntries(report.tables.map((t) => [t.table, t.rows]))
    expect(rows).toMatchObject({
      users: 4,
      communities: 2,
      memberships: 4,
      networks: 1,
      network_communities: 2,
    })
    expect(rows.meetings).toBe(4)
    expect(rows.document_versions).toBeGreaterThanOrEqual(3)
    expect(rows.action_items).toBe(2)
    expect(report.documents).toBeGreaterThanOrEqual(3)
    // What it copied is printed, a line per table.
    expect(lines.join('\n')).toMatch(/users\s+4/)

    // A new, empty data directory: everything must come from PostgreSQL.
    postgres = await startServer({ env: { ...ENV, DATABASE_URL: database.url } })
    servers.push(postgres)
    expect(await ask(postgres.url)).toEqual(answersBefore)

    const meeting = await open(postgres, meetingDoc, people.member)
    expect(contentOf(meeting.doc)).toEqual(expectedMeeting.content)
    expect(Y.encodeStateVector(meeting.doc)).toEqual(expectedMeeting.stateVector)
    for (const name of [charterDoc, runDoc]) {
      const c = await open(postgres, name, people.observer)
      expect(contentOf(c.doc)).toEqual(contentsBefore.get(name)?.content)
      expect(Y.encodeStateVector(c.doc)).toEqual(contentsBefore.get(name)?.stateVector)
    }
    const summary = await fetch(`${postgres.url}/api/meetings/${meetingId}/summary.md`, {
      headers: { cookie: people.member.api.cookie ?? '' },
    })
    expect(await summary.text()).toContain(OFFLINE_ITEM)

    // [RS3] The shared file's bytes came along, into PostgreSQL.
    expect(report.files).toBe(1)
    const file = await download(postgres.url, people.observer, sharedFileUrl)
    expect(file.status).toBe(200)
    expect(file.bytes.equals(PNG)).toBe(true)
  })

  it('versions moved are listed and restorable, and edits after the move are kept and compacted', async () => {
    const member = new ApiClient(postgres.url)
    member.cookie = people.member.api.cookie
    const list = await member.get<{ versions: { id: string }[] }>(`/api/meetings/${meetingId}/versions`)
    const notesIn = async (id: string) => {
      const bytes = await fetch(`${postgres.url}/api/meetings/${meetingId}/versions/${id}`, {
        headers: { cookie: member.cookie ?? '' },
      })
      expect(bytes.status).toBe(200)
      const old = new Y.Doc()
      Y.applyUpdate(old, new Uint8Array(await bytes.arrayBuffer()))
      return itemNotes(old, first)?.toString()
    }
    const first = readAgenda((await open(postgres, meetingDoc, people.facilitator)).doc)[0]?.id as string
    const drafts = await Promise.all(list.body.versions.map((v) => notesIn(v.id)))
    expect(drafts).toContain('first draft of our notes')
    const firstDraft = list.body.versions[drafts.indexOf('first draft of our notes')]

    const reader = clients[0] as TestClient
    const restore = await member.post(`/api/meetings/${meetingId}/versions/${firstDraft?.id}/restore`)
    expect(restore).toMatchObject({ status: 204 })
    await waitForDoc(
      reader,
      (doc) => itemNotes(doc, first)?.toString() === 'first draft of our notes',
      'the restored notes',
    )
    const writer = await open(postgres, meetingDoc, people.member)
    addAgendaItem(writer.doc, { title: 'Added on PostgreSQL', minutes: 5 })
    await waitForAcknowledged(writer)
    for (const c of clients.splice(0)) c.destroy()

    // Stopping compacts: the journal's rows are folded into the snapshot, which only works if
    // new rows are numbered after every copied snapshot.
    await postgres.close()
    servers.splice(servers.indexOf(postgres), 1)
    const pg = new Client({ connectionString: database.url })
    await pg.connect()
    try {
      const { rows } = await pg.query<{ n: string }>(
        'SELECT count(*) AS n FROM document_journal WHERE name = $1',
        [meetingDoc],
      )
      expect(Number(rows[0]?.n)).toBe(0)
    } finally {
      await pg.end()
    }

    postgres = await startServer({ env: { ...ENV, DATABASE_URL: database.url } })
    servers.push(postgres)
    const again = await open(postgres, meetingDoc, people.member)
    const agenda = readAgenda(again.doc)
    // The restore put back the first draft's agenda, then the item added on PostgreSQL.
    expect(agenda.map((i) => i.title)).toEqual(['Notes', 'Added on PostgreSQL'])
    expect(itemNotes(again.doc, first)?.toString()).toBe('first draft of our notes')
  })

  it('refuses a database that is not empty, and changes nothing in it', async () => {
    const answers = await ask(postgres.url)
    const copying = copySqliteToPostgres({ dataDir: sqlite.dataDir, databaseUrl: database.url })
    await expect(copying).rejects.toBeInstanceOf(CopyRefused)
    await expect(copying).rejects.toThrow(/not empty.*users/)
    // The command says so and exits non-zero.
    const cli = await command('scripts/migrate-postgres.ts', [], {
      DATA_DIR: sqlite.dataDir,
      DATABASE_URL: database.url,
    })
    expect(cli).toMatchObject({ code: 1, stderr: expect.stringMatching(/Nothing was copied: .*not empty/) })
    expect(await ask(postgres.url)).toEqual(answers)
  })

  it('says so when there is no SQLite installation to copy', async () => {
    const empty = tempDataDir()
    await expect(copySqliteToPostgres({ dataDir: empty, databaseUrl: database.url })).rejects.toThrow(
      `No SQLite installation at ${path.join(empty, DATABASE_FILE)}`,
    )
    expect(fs.readdirSync(empty)).toEqual([])
  })
})

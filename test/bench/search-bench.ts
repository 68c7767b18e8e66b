/**
 * Bench S9 (issue 29): search latency for a community with five years of weekly meetings
 * (260 meetings × ~20 KB of notes) in a database of N such communities, on SQLite and on
 * PostgreSQL. The index rows are seeded straight through the search store (what indexing a
 * stored document writes), not through Yjs, so seeding takes minutes. Queries go through
 * SearchService (parsing, the membership check, the store, marks to ranges), in this process.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import { CommunityService } from '../../apps/server/src/services/community-service.ts'
import { DomainEvents } from '../../apps/server/src/services/domain-events.ts'
import { SearchService } from '../../apps/server/src/services/search/search-service.ts'
import { type OpenedStores, openStores } from '../../apps/server/src/stores/open-stores.ts'
import type { IndexedEntry } from '../../apps/server/src/stores/search-store.ts'
import { DATABASE_FILE } from '../../apps/server/src/stores/sqlite/database.ts'
import { startPostgres } from '../support/services/postgres.ts'
import { waitForIdleCpu } from './proc-stats.ts'
import type { Row } from './report.ts'
import { random, text } from './search-text.ts'

export type SearchEngine = 'sqlite' | 'postgres'

export interface SearchBenchOptions {
  /** Communities in the database (the issue's N is 1,000). */
  communities: number
  engines: SearchEngine[]
  /** Rounds of the query mix measured (after one round of warm-up). */
  rounds: number
}

const MEETINGS = 260
const ITEMS_PER_MEETING = 5
const NOTES_CHARS_PER_ITEM = 4_000
const ACTIONS_PER_MEETING = 3
const DECISIONS_PER_MEETING = 2
/** The measured user belongs to this many communities (for GET /api/search). */
const MY_COMMUNITIES = 3
/** What teams search for: common to rare words, a phrase, an exclusion, alternatives. */
export const QUERY_MIX = [
  'students',
  'fractions',
  'rubric feedback',
  '"exit ticket"',
  'fractions -decimals',
  'phonics or vocabulary',
  'evidence goal students',
  'tessellation',
]

export interface EngineResult {
  engine: SearchEngine
  source: string
  seedSeconds: number
  databaseMb: number
  community: { p50: number; p95: number; max: number; results: number }
  across: { p50: number; p95: number; max: number; results: number }
  /**
   * CPU time of this process per search in one community, p95: on SQLite (synchronous, in
   * process) what the search costs on a core of its own, whatever else the machine runs.
   */
  communityCpuP95: number
  /** CPU per search in one community, mean: this process and, on PostgreSQL, its server processes. */
  communityCpuMean: number
  /** The machine while measuring: 1-minute load average, and the share of CPU time busy. */
  load: { average: number; busy: number }
  /** p95 per query of the mix, in one community. */
  perQuery: Record<string, number>
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
const round2 = (v: number) => Math.round(v * 100) / 100

/** Seeds one engine's database and measures it; the database is removed after. */
async function benchEngine(engine: SearchEngine, options: SearchBenchOptions, log: (line: string) => void) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-bench-search-'))
  const postgres = engine === 'postgres' ? await startPostgres() : null
  let databaseUrl: string | null = null
  if (postgres) {
    const name = `confer_bench_search_${randomBytes(6).toString('hex')}`
    await adminQuery(postgres.url, `CREATE DATABASE ${name}`)
    const url = new URL(postgres.url)
    url.pathname = `/${name}`
    databaseUrl = url.toString()
  }
  let opened: OpenedStores | null = null
  try {
    opened = await openStores({ dataDir, databaseUrl })
    const seedStarted = performance.now()
    const world = await seed(opened, options.communities, log)
    const seedSeconds = (performance.now() - seedStarted) / 1000
    if (opened.engine === 'postgres' && databaseUrl) {
      // What autovacuum would have done by the time a deployment holds this much.
      await adminQuery(databaseUrl, 'VACUUM ANALYZE search_entries')
    }
    const databaseMb = await databaseSize(opened, dataDir, databaseUrl)
    log(
      `S9 ${engine}: seeded ${options.communities} communities in ${Math.round(seedSeconds)} s, ${Math.round(databaseMb)} MB`,
    )

    const events = new DomainEvents()
    const search = new SearchService({
      store: opened.stores.search,
      communities: new CommunityService(opened.stores.communities, events),
      communityStore: opened.stores.communities,
      meetingStore: opened.stores.meetings,
      documents: opened.stores.documents,
      resources: opened.stores.resources,
      events,
    })
    const community: number[] = []
    const cpu: number[] = []
    const across: number[] = []
    const perQuery: Record<string, number[]> = {}
    let communityResults = 0
    let acrossResults = 0
    // Warm-up: caches, and the pool's connections opened.
    for (const q of QUERY_MIX) {
      await search.search(world.communityId, world.userId, q)
      await search.searchAll(world.userId, q)
    }
    const servers = databaseUrl ? await backendPids(databaseUrl) : []
    let serverCpuMs = 0
    await waitForIdleCpu()
    const before = cpuTimes()
    for (let round = 0; round < options.rounds; round++) {
      const serverBefore = serversCpuMs(servers)
      for (const q of QUERY_MIX) {
        const cpuStart = process.cpuUsage()
        const started = performance.now()
        const inCommunity = await search.search(world.communityId, world.userId, q)
        const ms = performance.now() - started
        const cpuUsed = process.cpuUsage(cpuStart)
        community.push(ms)
        cpu.push((cpuUsed.user + cpuUsed.system) / 1000)
        perQuery[q] = [...(perQuery[q] ?? []), ms]
        communityResults += inCommunity.length
      }
      serverCpuMs += serversCpuMs(servers) - serverBefore
      for (const q of QUERY_MIX) {
        const started = performance.now()
        const everywhere = await search.searchAll(world.userId, q)
        across.push(performance.now() - started)
        acrossResults += everywhere.length
      }
    }
    const after = cpuTimes()
    const busy = 1 - (after.idle - before.idle) / Math.max(after.total - before.total, 1)
    const stats = (samples: number[], results: number) => {
      const sorted = [...samples].sort((a, b) => a - b)
      return {
        p50: round2(quantile(sorted, 0.5)),
        p95: round2(quantile(sorted, 0.95)),
        max: round2(sorted[sorted.length - 1] ?? 0),
        results: Math.round(results / Math.max(samples.length, 1)),
      }
    }
    return {
      engine,
      source: postgres ? `PostgreSQL from ${postgres.source}` : 'SQLite (node:sqlite)',
      seedSeconds: round2(seedSeconds),
      databaseMb: round2(databaseMb),
      community: stats(community, communityResults),
      across: stats(across, acrossResults),
      communityCpuP95: stats(cpu, 0).p95,
      communityCpuMean: round2(
        (cpu.reduce((a, b) => a + b, 0) + serverCpuMs) / Math.max(community.length, 1),
      ),
      load: { average: round2(os.loadavg()[0] ?? 0), busy: round2(busy) },
      perQuery: Object.fromEntries(
        Object.entries(perQuery).map(([q, samples]) => [q, stats(samples, 0).p95]),
      ),
    } satisfies EngineResult
  } finally {
    await opened?.close()
    await postgres?.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/**
 * N communities, each with its facilitator and 260 weekly meetings whose entries (5 items of
 * ~4 KB notes, 3 action items, 2 decisions, the meeting's title) go into the index. The measured
 * user is the facilitator of the middle community and a member of the next two.
 */
async function seed(opened: OpenedStores, communities: number, log: (line: string) => void) {
  const { stores } = opened
  const next = random(29)
  const people: string[] = []
  const ids: string[] = []
  const start = Date.UTC(2021, 8, 6, 15)
  let lastLog = performance.now()
  for (let c = 0; c < communities; c++) {
    const userId = `benchuser${String(c).padStart(7, '0')}`
    const communityId = `benchteam${String(c).padStart(7, '0')}`
    await stores.accounts.insertUser({
      id: userId,
      email: `${userId}@bench.test`,
      name: `Teacher ${c}`,
      passwordHash: 'not-a-real-hash',
      createdAt: start,
    })
    await stores.communities.insertCommunity(
      { id: communityId, name: `Team ${c}`, focus: '', createdAt: start },
      userId,
    )
    people.push(userId)
    ids.push(communityId)
    // PostgreSQL indexes several meetings at once (its to_tsvector is the cost); SQLite writes in turn.
    const parallel = opened.engine === 'postgres' ? 4 : 1
    for (let m = 0; m < MEETINGS; m += parallel) {
      const batch: Promise<unknown>[] = []
      for (let k = m; k < Math.min(MEETINGS, m + parallel); k++) {
        const meetingId = `${communityId}m${String(k).padStart(3, '0')}`
        const startsAt = start + k * 7 * 86_400_000
        await stores.meetings.insertMeeting({
          id: meetingId,
          communityId,
          title: `Week ${k + 1}: ${text(next, 24).replace(/\.$/, '')}`,
          startsAt,
          durationMinutes: 60,
          networkGuestRole: null,
          createdAt: start,
          seriesId: null,
          cancelledAt: null,
          sharesPlan: false,
        })
        const entries = meetingEntries(next)
        const source = { name: `meeting/${meetingId}`, communityId, meetingId }
        batch.push(stores.search.replace(source, entries, `seed-${meetingId}`))
      }
      await Promise.all(batch)
    }
    if (performance.now() - lastLog > 30_000) {
      lastLog = performance.now()
      log(`S9 ${opened.engine}: ${c + 1} of ${communities} communities seeded`)
    }
  }
  const middle = Math.floor(communities / 2)
  const userId = people[middle] as string
  for (let k = 1; k < MY_COMMUNITIES && middle + k < communities; k++) {
    await stores.communities.addMember({
      communityId: ids[middle + k] as string,
      userId,
      role: 'member',
      joinedAt: start,
    })
  }
  return { userId, communityId: ids[middle] as string }
}

function meetingEntries(next: () => number): IndexedEntry[] {
  const entries: IndexedEntry[] = []
  for (let i = 0; i < ITEMS_PER_MEETING; i++) {
    entries.push({
      kind: 'item',
      itemId: `item${i}`,
      title: text(next, 30),
      body: text(next, NOTES_CHARS_PER_ITEM),
    })
  }
  for (let i = 0; i < ACTIONS_PER_MEETING; i++) {
    entries.push({ kind: 'action', itemId: null, title: text(next, 60), body: '' })
  }
  for (let i = 0; i < DECISIONS_PER_MEETING; i++) {
    entries.push({ kind: 'decision', itemId: `item${i}`, title: text(next, 80), body: '' })
  }
  return entries
}

/** The PostgreSQL server processes serving this database (the pool's connections). */
async function backendPids(url: string): Promise<number[]> {
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    )
    return rows.map((r) => r.pid)
  } finally {
    await client.end()
  }
}

/** CPU time (user + system, ms) the processes have used, from /proc (clock ticks of 10 ms). */
function serversCpuMs(pids: readonly number[]): number {
  let ms = 0
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ms += (Number(fields[11]) + Number(fields[12])) * 10
    } catch {
      // A connection the pool closed meanwhile.
    }
  }
  return ms
}

/** The machine's CPU counters (/proc/stat), for how busy it was while measuring. */
function cpuTimes(): { idle: number; total: number } {
  const [, ...values] = (fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/)
  const nums = values.map(Number)
  return { idle: (nums[3] ?? 0) + (nums[4] ?? 0), total: nums.reduce((a, b) => a + b, 0) }
}

async function databaseSize(
  opened: OpenedStores,
  dataDir: string,
  databaseUrl: string | null,
): Promise<number> {
  if (opened.engine === 'sqlite') {
    let bytes = 0
    for (const suffix of ['', '-wal']) {
      const file = path.join(dataDir, `${DATABASE_FILE}${suffix}`)
      if (fs.existsSync(file)) bytes += fs.statSync(file).size
    }
    return bytes / 1e6
  }
  const client = new Client({ connectionString: databaseUrl ?? '' })
  await client.connect()
  try {
    const { rows } = await client.query<{ size: string }>(
      'SELECT pg_database_size(current_database()) AS size',
    )
    return Number(rows[0]?.size ?? 0) / 1e6
  } finally {
    await client.end()
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** S9's rows for the bench table, one engine after the other. */
export async function searchRows(
  options: SearchBenchOptions,
  log: (line: string) => void = console.log,
): Promise<{ rows: Row[]; notes: string[]; raw: EngineResult[] }> {
  const raw: EngineResult[] = []
  for (const engine of options.engines) raw.push(await benchEngine(engine, options, log))
  const n = options.communities.toLocaleString('en-US')
  const label = { sqlite: 'SQLite', postgres: 'PostgreSQL' }
  const row = (metric: string, value: number, target = 'report', met?: (v: number) => boolean): Row => ({
    scenario: 'S9',
    metric,
    confer: value,
    reference: null,
    referenceNote: 'not run (no reference)',
    ratio: null,
    ratioRange: null,
    target,
    met: met ? met(value) : null,
  })
  const rows = raw.flatMap((r) => [
    row(`${label[r.engine]}, ${n} communities: one community, p50 (ms)`, r.community.p50),
    row(
      `${label[r.engine]}, ${n} communities: one community, p95 (ms)`,
      r.community.p95,
      'p95 ≤ 50 ms',
      (v) => v <= 50,
    ),
    ...(r.engine === 'sqlite'
      ? [
          row(
            `${label[r.engine]}, ${n} communities: one community, p95 CPU of the search (ms)`,
            r.communityCpuP95,
          ),
        ]
      : []),
    row(
      `${label[r.engine]}, ${n} communities: one community, mean CPU of the search (ms)`,
      r.communityCpuMean,
    ),
    row(`${label[r.engine]}, ${n} communities: across ${MY_COMMUNITIES} communities, p95 (ms)`, r.across.p95),
    row(`${label[r.engine]}, ${n} communities: seeding (s)`, r.seedSeconds),
    row(`${label[r.engine]}, ${n} communities: database (MB)`, r.databaseMb),
  ])
  const notes = [
    `S9: ${n} communities × ${MEETINGS} meetings × ${ITEMS_PER_MEETING} items of ~${NOTES_CHARS_PER_ITEM / 1000} KB notes (+ ${ACTIONS_PER_MEETING} action items, ${DECISIONS_PER_MEETING} decisions, the title), Zipf-distributed words; index rows seeded through the search store. ${options.rounds} rounds of ${QUERY_MIX.length} queries (${QUERY_MIX.join(' | ')}) after one round of warm-up, through SearchService in the bench process; the across-communities search is for a user in ${MY_COMMUNITIES} communities.`,
    ...raw.map(
      (r) =>
        `S9 ${label[r.engine]} (${r.source}): p95 per query ${Object.entries(r.perQuery)
          .map(([q, p95]) => `${q} ${p95} ms`)
          .join(
            ', ',
          )}; ~${r.community.results} results per search in one community, ~${r.across.results} across; measured at a load average of ${r.load.average} on ${os.cpus().length} cores (${Math.round(r.load.busy * 100)}% busy).`,
    ),
  ]
  return { rows, notes, raw }
}

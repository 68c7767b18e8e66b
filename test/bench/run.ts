/**
 * `pnpm bench [--quick]`: Confer against the reference y-websocket server, measured in the same
 * run on the same machine, interleaved, reported as ratios (Markdown table + JSON in
 * bench/results/). Numbers, never assertions: a missed target is marked, not failed.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { coldLoad, reconnectStorm } from './cold-and-storm.ts'
import { hostileRounds } from './hostile-load.ts'
import { type Measurement, measureRoomLoad } from './measure.ts'
import { waitForIdleCpu } from './proc-stats.ts'
import { markdown, type Row } from './report.ts'
import { scaleOutRows } from './scale-out-report.ts'
import { COLD_LOAD_SIZES, HOSTILE_PHASES, roomScenarios, STORM_CLIENTS } from './scenarios.ts'
import { type SearchEngine, searchRows } from './search-bench.ts'
import { prepareConferBuild, prepareTargets, startConfer, startReference } from './targets.ts'

// `--web`: the client bench (test/bench/web/run.ts) instead of the server's.
if (process.argv.includes('--web')) {
  process.exit(await (await import('./web/run.ts')).runWebBench(process.argv.slice(2)))
}

const quick = process.argv.includes('--quick')
/** `--only S2,S3`: just those scenarios, for iterating on one number; the default runs them all. */
const onlyArg = process.argv[process.argv.indexOf('--only') + 1]
const only = process.argv.includes('--only') && onlyArg ? new Set(onlyArg.split(',')) : null
const wanted = (id: string) => only === null || only.has(id)
/** `--rounds N`: rounds per scenario (default 3, --quick 1). */
const roundsArg = Number(process.argv[process.argv.indexOf('--rounds') + 1])
const rounds = process.argv.includes('--rounds') && roundsArg > 0 ? roundsArg : quick ? 1 : 3
/**
 * `--against <checkout>`: the reference column is Confer built from another checkout instead
 * (an A/B of two versions; a change smaller than the machine's drift between runs shows only
 * when both run in the same rounds). Targets then compare with nothing: ignore them.
 */
const againstArg = process.argv[process.argv.indexOf('--against') + 1]
const against = process.argv.includes('--against') && againstArg ? againstArg : null
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}
const round2 = (v: number) => Math.round(v * 100) / 100

const rows: Row[] = []
/** A run where clients end with different states is invalid: the bench exits non-zero. */
let diverged = false
const notes: string[] = []
const raw: Record<string, unknown> = {}

function row(
  scenario: string,
  metric: string,
  values: {
    confer: number | null
    reference: number | null
    ratio?: number | null
    ratios?: number[]
    referenceNote?: string
  },
  target: string,
  /** Whether the target is met, given Confer's value and the Confer/reference ratio. */
  limit?: (confer: number, ratio: number | null) => boolean,
): void {
  const { confer, reference } = values
  const ratio = values.ratio ?? (confer !== null && reference ? round2(confer / reference) : null)
  rows.push({
    scenario,
    metric,
    confer,
    reference,
    ...(values.referenceNote ? { referenceNote: values.referenceNote } : {}),
    ratio,
    ratioRange:
      values.ratios && values.ratios.length > 1
        ? [round2(Math.min(...values.ratios)), round2(Math.max(...values.ratios))]
        : null,
    target,
    met: limit && confer !== null ? limit(confer, ratio) : null,
  })
}

/**
 * Confer and reference medians of one metric, and the median of the per-round ratios: each
 * round runs both back to back, so a round's ratio cancels most of the machine's drift.
 */
function compared(
  measured: Record<'confer' | 'reference', Measurement[]>,
  f: (m: Measurement) => number,
): { confer: number; reference: number; ratio: number | null; ratios: number[] } {
  const ratios = measured.confer.flatMap((m, i) => {
    const ref = measured.reference[i]
    return ref && f(ref) > 0 ? [f(m) / f(ref)] : []
  })
  return {
    confer: round2(median(measured.confer.map(f))),
    reference: round2(median(measured.reference.map(f))),
    ratio: ratios.length > 0 ? round2(median(ratios)) : null,
    ratios,
  }
}

await prepareTargets()
const control = against === null ? null : await prepareConferBuild(against)
if (against !== null) notes.push(`A/B run: the reference column is Confer built from ${against}.`)

const atMost = (factor: number) => (_c: number, ratio: number | null) => ratio !== null && ratio <= factor

for (const scenario of roomScenarios(quick).filter((s) => wanted(s.id))) {
  const measured: Record<'confer' | 'reference', Measurement[]> = { confer: [], reference: [] }
  for (let r = 0; r < rounds; r++) {
    // Alternate who goes first, so neither always runs on the warmer machine.
    const order = r % 2 === 0 ? (['confer', 'reference'] as const) : (['reference', 'confer'] as const)
    for (const kind of order) {
      await waitForIdleCpu()
      const target =
        kind === 'confer'
          ? await startConfer(scenario.load.rooms)
          : control
            ? await startConfer(scenario.load.rooms, undefined, control)
            : await startReference(scenario.load.rooms)
      try {
        measured[kind].push(await measureRoomLoad(target, scenario.load))
      } finally {
        await target.stop()
      }
    }
  }
  raw[scenario.id] = measured
  const connections = scenario.load.rooms * scenario.load.clientsPerRoom
  console.log(`${scenario.id} ${scenario.title}: done`)
  for (const kind of ['confer', 'reference'] as const) {
    for (const m of measured[kind]) {
      if (!m.result.converged) {
        diverged = true
        notes.push(`${scenario.id}: ${kind} did NOT converge — the run is invalid.`)
      }
      if (m.result.loadgen.eventLoopDelayMaxMs > 100) {
        notes.push(
          `${scenario.id}: the load generator stalled ${m.result.loadgen.eventLoopDelayMaxMs} ms against ${kind}: it may be the bottleneck.`,
        )
      }
    }
  }
  const id = scenario.id
  if (id === 'S1') {
    const perConn = (m: Measurement) => (m.serverRssBytes - m.serverRssBeforeBytes) / connections / 1024
    row('S1', 'RSS per connection (KiB)', compared(measured, perConn), 'report')
    row(
      'S1',
      'server RSS (MB)',
      compared(measured, (m) => m.serverRssBytes / 1e6),
      'report',
    )
    continue
  }
  row(
    id,
    'edit→remote p50 (ms)',
    compared(measured, (m) => m.result.latency.p50),
    'report',
  )
  row(
    id,
    'edit→remote p99 (ms)',
    compared(measured, (m) => m.result.latency.p99),
    id === 'S2' ? '≤ 1.0 × ref' : id === 'S4' ? '≤ 0.5 × ref' : 'report',
    id === 'S2' ? atMost(1) : id === 'S4' ? atMost(0.5) : undefined,
  )
  row(
    id,
    'first receipt p99 (ms)',
    compared(measured, (m) => m.result.firstReceipt.p99),
    'report',
  )
  row(
    id,
    'acknowledgement p99 (ms)',
    { confer: round2(median(measured.confer.map((m) => m.result.ack.p99))), reference: null },
    'report',
  )
  const cpuPer1000 = (m: Measurement) => (m.serverCpuMs / Math.max(m.result.delivered, 1)) * 1000
  row(
    id,
    'server CPU ms / 1,000 delivered',
    compared(measured, cpuPer1000),
    id === 'S3' ? '≤ 1.0 × ref' : 'report',
    id === 'S3' ? atMost(1) : undefined,
  )
  row(
    id,
    'server RSS (MB)',
    compared(measured, (m) => m.serverRssBytes / 1e6),
    id === 'S3' ? '≤ 1.1 × ref' : 'report',
    id === 'S3' ? atMost(1.1) : undefined,
  )
  row(
    id,
    'server event-loop delay max (ms)',
    compared(measured, (m) => m.serverEventLoopDelayMaxMs),
    id === 'S4' ? '< 20 ms' : 'report',
    id === 'S4' ? (c) => c < 20 : undefined,
  )
  row(
    id,
    'load generator CPU ms',
    compared(measured, (m) => m.result.loadgen.cpuMs),
    'report',
  )
  row(
    id,
    'load generator event-loop delay max (ms)',
    compared(measured, (m) => m.result.loadgen.eventLoopDelayMaxMs),
    'report',
  )
}

if (wanted('S5')) {
  await waitForIdleCpu()
  const cold = await coldLoad(COLD_LOAD_SIZES(quick))
  raw.S5 = cold
  for (const c of cold) {
    row(
      'S5',
      `cold load ${c.bytes / 1000} KB: sync (ms)`,
      { confer: c.syncMs, reference: null },
      c.bytes >= 5_000_000 ? '< 1,500 ms' : 'report',
      c.bytes >= 5_000_000 ? (v) => v < 1500 : undefined,
    )
  }
  console.log('S5 cold load: done')
}

if (wanted('S6')) {
  await waitForIdleCpu()
  const storm = await reconnectStorm(STORM_CLIENTS(quick))
  raw.S6 = storm
  row(
    'S6',
    `${storm.clients} clients resynced after kill -9 (ms)`,
    { confer: storm.resyncMs, reference: null },
    '< 10,000 ms',
    (v) => v < 10_000,
  )
  row('S6', 'acknowledged edits lost', { confer: storm.lost, reference: null }, '0', (v) => v === 0)
  console.log('S6 reconnect storm: done')
}

if (wanted('S7')) {
  const runs = await hostileRounds(quick, rounds)
  raw.S7 = runs
  notes.push(
    "S7 runs Confer alone: the reference server has no authentication, so there is nothing for hostile clients to be refused by. S7's ratio is each phase over the quiet phase of the same round.",
  )
  const quiet = runs.quiet.map((run) => run.measurement)
  /** Median over rounds of one phase, and the median of its per-round ratios to the quiet phase. */
  const againstQuiet = (runsOfPhase: Measurement[], f: (m: Measurement) => number, minQuiet = 0) => {
    const ratios =
      runsOfPhase === quiet
        ? []
        : runsOfPhase.flatMap((m, i) => {
            const q = quiet[i]
            return q && f(q) > minQuiet ? [f(m) / f(q)] : []
          })
    return {
      confer: round2(median(runsOfPhase.map(f))),
      reference: null,
      referenceNote: 'not run (no auth)',
      ratio: ratios.length > 0 ? round2(median(ratios)) : null,
      ratios,
    }
  }
  const mb = (bytes: number) => bytes / 1e6
  for (const phase of HOSTILE_PHASES) {
    const hostile = phase.id !== 'quiet'
    const measured = hostile ? runs[phase.id].map((run) => run.measurement) : quiet
    row(
      'S7',
      `${phase.title}: edit→remote p99 (ms)`,
      againstQuiet(measured, (m) => m.result.latency.p99),
      hostile ? '≤ 2.0 × quiet' : 'report',
      hostile ? atMost(2) : undefined,
    )
    // Growth is compared only when the quiet phase grew by at least 1 MB: below, the ratio is noise.
    row(
      'S7',
      `${phase.title}: server RSS growth (MB)`,
      againstQuiet(measured, (m) => mb(m.serverRssBytes - m.serverRssBeforeBytes), 1),
      'report',
    )
    row(
      'S7',
      `${phase.title}: server peak RSS (MB)`,
      againstQuiet(measured, (m) => mb(m.serverPeakRssBytes)),
      'report',
    )
    row(
      'S7',
      `${phase.title}: server event-loop delay max (ms)`,
      againstQuiet(measured, (m) => m.serverEventLoopDelayMaxMs),
      'report',
    )
    runs[phase.id].forEach((run, r) => {
      const m = run.measurement
      if (!m.result.converged) {
        diverged = true
        notes.push(`S7 ${phase.title}, round ${r + 1}: the meeting did NOT converge — the run is invalid.`)
      }
      if (m.result.loadgen.eventLoopDelayMaxMs > 100) {
        notes.push(
          `S7 ${phase.title}, round ${r + 1}: the load generator stalled ${m.result.loadgen.eventLoopDelayMaxMs} ms: it may be the bottleneck.`,
        )
      }
      const h = run.hostile
      if (h) {
        const closes = Object.entries(h.closes)
          .sort(([, a], [, b]) => b - a)
          .map(([code, n]) => `${code} ×${n}`)
          .join(', ')
        notes.push(
          `S7 ${phase.title}, round ${r + 1}: hostile clients opened ${h.opened} sockets (${h.failedHandshakes} handshakes failed), sent ${h.messagesSent} messages (${round2(mb(h.bytesSent))} MB) with ${h.cpuMs} ms of CPU; sockets closed: ${closes || 'none'}.`,
        )
      }
    })
  }
  console.log('S7 hostile load: done')
}

// `--only S8a` or `--only S8b` runs one half.
if (wanted('S8') || wanted('S8a') || wanted('S8b')) {
  const s8 = await scaleOutRows(quick, rounds, {
    sqliteVsPostgres: wanted('S8') || wanted('S8a'),
    redisCost: wanted('S8') || wanted('S8b'),
  })
  raw.S8 = s8.raw
  rows.push(...s8.rows)
  notes.push(...s8.notes)
  if (s8.diverged) diverged = true
  console.log('S8 two processes on PostgreSQL + Redis: done')
}

// `--search-communities N` (default 50; the N is 1,000) and `--search-engines sqlite,postgres`.
if (wanted('S9')) {
  const flag = (name: string) =>
    process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined
  const communities = Number(flag('--search-communities') ?? (quick ? 4 : 50))
  const engines = (flag('--search-engines') ?? 'sqlite,postgres').split(',') as SearchEngine[]
  const s9 = await searchRows({ communities, engines, rounds: quick ? 3 : 20 })
  raw.S9 = s9.raw
  rows.push(...s9.rows)
  notes.push(...s9.notes)
  console.log('S9 search: done')
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${quick ? 'quick' : 'full'} run`
const table = markdown(rows, machine, [...new Set(notes)])
console.log(`\n${table}`)
const dir = path.resolve(import.meta.dirname, '../../bench/results')
fs.mkdirSync(dir, { recursive: true })
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
fs.writeFileSync(path.join(dir, `${stamp}.md`), table)
fs.writeFileSync(
  path.join(dir, `${stamp}.json`),
  `${JSON.stringify({ machine, rows, notes, raw }, null, 2)}\n`,
)
console.log(JSON.stringify({ machine, rows }))
if (diverged) console.error('Some clients did not converge: this run is invalid.')
process.exit(diverged ? 1 : 0)

/**
 * `pnpm bench [--quick]`: Confer against the reference y-websocket server, measured in the same
 * run on the same machine, interleaved, reported as ratios (Markdown table + JSON in
 * bench/results/). Numbers, never assertions: a missed target is marked, not failed.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { coldLoad, reconnectStorm } from './cold-and-storm.ts'
import { type Measurement, measureRoomLoad } from './measure.ts'
import { waitForIdleCpu } from './proc-stats.ts'
import { markdown, type Row } from './report.ts'
import { COLD_LOAD_SIZES, roomScenarios, STORM_CLIENTS } from './scenarios.ts'
import { startConfer, startReference } from './targets.ts'

const quick = process.argv.includes('--quick')
const rounds = quick ? 1 : 2
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}
const round2 = (v: number) => Math.round(v * 100) / 100

const rows: Row[] = []
const notes: string[] = []
const raw: Record<string, unknown> = {}

function row(
  scenario: string,
  metric: string,
  confer: number | null,
  reference: number | null,
  target: string,
  limit?: (c: number, r: number | null) => boolean,
): void {
  const ratio = confer !== null && reference ? round2(confer / reference) : null
  rows.push({
    scenario,
    metric,
    confer,
    reference,
    ratio,
    target,
    met: limit && confer !== null ? limit(confer, reference) : null,
  })
}

for (const scenario of roomScenarios(quick)) {
  const measured: { confer: Measurement[]; reference: Measurement[] } = { confer: [], reference: [] }
  for (let r = 0; r < rounds; r++) {
    for (const kind of ['confer', 'reference'] as const) {
      await waitForIdleCpu()
      const target =
        kind === 'confer' ? await startConfer(scenario.load.rooms) : await startReference(scenario.load.rooms)
      try {
        measured[kind].push(await measureRoomLoad(target, scenario.load))
      } finally {
        await target.stop()
      }
    }
  }
  raw[scenario.id] = measured
  const pick = (kind: 'confer' | 'reference', f: (m: Measurement) => number) =>
    round2(median(measured[kind].map(f)))
  const connections = scenario.load.rooms * scenario.load.clientsPerRoom
  console.log(`${scenario.id} ${scenario.title}: done`)
  for (const kind of ['confer', 'reference'] as const) {
    for (const m of measured[kind]) {
      if (!m.result.converged) notes.push(`${scenario.id}: ${kind} did NOT converge — the run is invalid.`)
      if (m.result.loadgen.eventLoopDelayMaxMs > 100) {
        notes.push(
          `${scenario.id}: the load generator stalled ${m.result.loadgen.eventLoopDelayMaxMs} ms against ${kind}: it may be the bottleneck.`,
        )
      }
    }
  }
  if (scenario.id === 'S1') {
    const perConn = (m: Measurement) => (m.serverRssBytes - m.serverRssBeforeBytes) / connections / 1024
    row('S1', 'RSS per connection (KiB)', pick('confer', perConn), pick('reference', perConn), 'report')
    row(
      'S1',
      'server RSS (MB)',
      pick('confer', (m) => m.serverRssBytes / 1e6),
      pick('reference', (m) => m.serverRssBytes / 1e6),
      'report',
    )
    continue
  }
  row(
    scenario.id,
    'edit→remote p50 (ms)',
    pick('confer', (m) => m.result.latency.p50),
    pick('reference', (m) => m.result.latency.p50),
    'report',
  )
  row(
    scenario.id,
    'edit→remote p99 (ms)',
    pick('confer', (m) => m.result.latency.p99),
    pick('reference', (m) => m.result.latency.p99),
    scenario.id === 'S2' ? '≤ 1.0 × ref' : scenario.id === 'S4' ? '≤ 0.5 × ref' : 'report',
    scenario.id === 'S2'
      ? (c, r) => r !== null && c <= r
      : scenario.id === 'S4'
        ? (c, r) => r !== null && c <= 0.5 * r
        : undefined,
  )
  row(
    scenario.id,
    'first receipt p99 (ms)',
    pick('confer', (m) => m.result.firstReceipt.p99),
    pick('reference', (m) => m.result.firstReceipt.p99),
    'report',
  )
  row(
    scenario.id,
    'acknowledgement p99 (ms)',
    pick('confer', (m) => m.result.ack.p99),
    null,
    'report',
  )
  const cpuPer1000 = (m: Measurement) => (m.serverCpuMs / Math.max(m.result.delivered, 1)) * 1000
  row(
    scenario.id,
    'server CPU ms / 1,000 delivered',
    pick('confer', cpuPer1000),
    pick('reference', cpuPer1000),
    scenario.id === 'S3' ? '≤ 1.0 × ref' : 'report',
    scenario.id === 'S3' ? (c, r) => r !== null && c <= r : undefined,
  )
  row(
    scenario.id,
    'server RSS (MB)',
    pick('confer', (m) => m.serverRssBytes / 1e6),
    pick('reference', (m) => m.serverRssBytes / 1e6),
    scenario.id === 'S3' ? '≤ 1.1 × ref' : 'report',
    scenario.id === 'S3' ? (c, r) => r !== null && c <= 1.1 * r : undefined,
  )
  row(
    scenario.id,
    'server event-loop delay max (ms)',
    pick('confer', (m) => m.serverEventLoopDelayMaxMs),
    pick('reference', (m) => m.serverEventLoopDelayMaxMs),
    scenario.id === 'S4' ? '< 20 ms' : 'report',
    scenario.id === 'S4' ? (c) => c < 20 : undefined,
  )
  row(
    scenario.id,
    'load generator CPU ms',
    pick('confer', (m) => m.result.loadgen.cpuMs),
    pick('reference', (m) => m.result.loadgen.cpuMs),
    'report',
  )
}

await waitForIdleCpu()
const cold = await coldLoad(COLD_LOAD_SIZES(quick))
raw.S5 = cold
for (const c of cold) {
  const limit = c.bytes >= 5_000_000 ? (v: number) => v < 1500 : undefined
  row(
    'S5',
    `cold load ${c.bytes / 1000} KB: sync (ms)`,
    c.syncMs,
    null,
    c.bytes >= 5_000_000 ? '< 1,500 ms' : 'report',
    limit,
  )
}
console.log('S5 cold load: done')

await waitForIdleCpu()
const storm = await reconnectStorm(STORM_CLIENTS(quick))
raw.S6 = storm
row(
  'S6',
  `${storm.clients} clients resynced after kill -9 (ms)`,
  storm.resyncMs,
  null,
  '< 10,000 ms',
  (v) => v < 10_000,
)
row('S6', 'acknowledged edits lost', storm.lost, null, '0', (v) => v === 0)
console.log('S6 reconnect storm: done')

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
process.exit(0)

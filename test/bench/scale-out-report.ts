/**
 * S8's rows for the bench table: runs the scale-out rounds (scale-out.ts) on a PostgreSQL and a
 * Redis started for them, and reads them against the issue's targets.
 */
import type { Measurement } from './measure.ts'
import type { Row } from './report.ts'
import { type RedisCost, type ScaleOutParts, type ScaleOutRounds, scaleOutRounds } from './scale-out.ts'
import { startBenchServices } from './services.ts'

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}
const round2 = (v: number) => Math.round(v * 100) / 100
const size = (bytes: number) => (bytes >= 1_000_000 ? `${bytes / 1_000_000} MB` : `${bytes / 1_000} KB`)

/** Medians of a value over rounds (Confer's and the reference's), and of their per-round ratios. */
function paired(
  confer: number[],
  reference: number[] | null,
): Pick<Row, 'confer' | 'reference' | 'ratio' | 'ratioRange'> {
  const ratios = reference
    ? confer.flatMap((c, i) => {
        const ref = reference[i]
        return ref ? [c / ref] : []
      })
    : []
  return {
    confer: round2(median(confer)),
    reference: reference ? round2(median(reference)) : null,
    ratio: ratios.length > 0 ? round2(median(ratios)) : null,
    ratioRange: ratios.length > 1 ? [round2(Math.min(...ratios)), round2(Math.max(...ratios))] : null,
  }
}

function row(
  scenario: 'S8a' | 'S8b',
  metric: string,
  values: Pick<Row, 'confer' | 'reference' | 'ratio' | 'ratioRange'>,
  target = 'report',
  met?: (confer: number, ratio: number | null) => boolean,
): Row {
  return {
    scenario,
    metric,
    ...values,
    target,
    met: met && values.confer !== null ? met(values.confer, values.ratio) : null,
  }
}

export async function scaleOutRows(
  quick: boolean,
  rounds: number,
  parts: ScaleOutParts,
): Promise<{ rows: Row[]; notes: string[]; raw: unknown; diverged: boolean }> {
  const services = await startBenchServices()
  let s8: ScaleOutRounds
  try {
    s8 = await scaleOutRounds(services, quick, rounds, parts)
  } finally {
    await services.stop()
  }
  const { single, pair, redisCost } = s8
  const notes: string[] = []
  if (parts.sqliteVsPostgres)
    notes.push(
      `S8a: the Confer column is two processes (A + B) on PostgreSQL and Redis, each room's clients alternating between them (typists on both); the reference column is the single SQLite process under the same load (S3's), in the same rounds. CPU and RSS are A's and B's summed, event-loop delay the larger of the two.`,
    )
  if (parts.redisCost)
    notes.push(
      "S8b: one room prefilled to each size (paragraphs of ~1 KB at random places), 4 typists on A at 10 edits/s, 4 readers on B. Redis' counters (INFO, INFO commandstats) are read around the window, less what Redis spends idle over as long (read before the prefill, A and B up, nobody typing); command time is what Redis spent executing commands, its CPU time includes its timers and I/O and is noisier on a busy machine. The ratio column is each size over 50 KB in the same round.",
    )
  notes.push(
    `S8: PostgreSQL from ${services.sources.postgres}, Redis from ${services.sources.redis}, one database and one key prefix per measurement.${process.env.TEST_DATABASE_URL ? '' : " The bench's throwaway PostgreSQL runs with fsync=off (as the tests' does): acknowledgements wait for its commit, not for its disk; set TEST_DATABASE_URL for a durable server's numbers."}`,
  )
  let diverged = false
  const check = (label: string, m: Measurement) => {
    if (!m.result.converged) {
      diverged = true
      notes.push(`S8 ${label}: clients did NOT converge — the run is invalid.`)
    }
    if (m.result.loadgen.eventLoopDelayMaxMs > 100) {
      notes.push(
        `S8 ${label}: the load generator stalled ${m.result.loadgen.eventLoopDelayMaxMs} ms: it may be the bottleneck.`,
      )
    }
  }
  for (const [r, m] of single.entries()) check(`single process, round ${r + 1}`, m)
  for (const [r, m] of pair.entries()) check(`two processes, round ${r + 1}`, m)
  for (const s of redisCost) {
    for (const [r, run] of s.runs.entries()) check(`${size(s.bytes)}, round ${r + 1}`, run.measurement)
  }

  const of = (ms: Measurement[], f: (m: Measurement) => number) => ms.map(f)
  const cpuPer1000 = (m: Measurement) => (m.serverCpuMs / Math.max(m.result.delivered, 1)) * 1000
  const rows: Row[] = []
  if (parts.sqliteVsPostgres)
    rows.push(
      row(
        'S8a',
        'edit→remote p50, same process (ms)',
        paired(
          of(pair, (m) => m.result.latencySameProcess.p50),
          of(single, (m) => m.result.latency.p50),
        ),
      ),
      row(
        'S8a',
        'edit→remote p99, same process (ms)',
        paired(
          of(pair, (m) => m.result.latencySameProcess.p99),
          of(single, (m) => m.result.latency.p99),
        ),
      ),
      row(
        'S8a',
        'edit→remote p50, across processes (ms)',
        paired(
          of(pair, (m) => m.result.latencyOtherProcess.p50),
          of(single, (m) => m.result.latency.p50),
        ),
      ),
      row(
        'S8a',
        'edit→remote p99, across processes (ms)',
        paired(
          of(pair, (m) => m.result.latencyOtherProcess.p99),
          of(single, (m) => m.result.latency.p99),
        ),
        'cross/single p99 ≤ 2×',
        (_c, ratio) => ratio !== null && ratio <= 2,
      ),
      row(
        'S8a',
        'acknowledgement p99 (ms): PostgreSQL vs SQLite',
        paired(
          of(pair, (m) => m.result.ack.p99),
          of(single, (m) => m.result.ack.p99),
        ),
        'ack p99 PG ≤ 10 ms',
        (c) => c <= 10,
      ),
      // The store's share of the acknowledgement: the rest is the network, the load generator
      // and the wait for the commit in flight before this one (group commit).
      row(
        'S8a',
        'server update-log commit p99 (ms, bucket bound): PostgreSQL vs SQLite',
        paired(
          of(pair, (m) => m.serverCommitP99Ms ?? Number.NaN),
          of(single, (m) => m.serverCommitP99Ms ?? Number.NaN),
        ),
      ),
      row('S8a', 'server CPU ms / 1,000 delivered', paired(of(pair, cpuPer1000), of(single, cpuPer1000))),
      row(
        'S8a',
        'server RSS (MB)',
        paired(
          of(pair, (m) => m.serverRssBytes / 1e6),
          of(single, (m) => m.serverRssBytes / 1e6),
        ),
      ),
      row(
        'S8a',
        'server event-loop delay max (ms)',
        paired(
          of(pair, (m) => m.serverEventLoopDelayMaxMs),
          of(single, (m) => m.serverEventLoopDelayMaxMs),
        ),
      ),
    )

  const base = redisCost[0]
  const flat = (_c: number, ratio: number | null) => ratio !== null && ratio <= 1.2
  const perSize: { metric: string; f: (run: RedisCost) => number; target?: boolean }[] = [
    { metric: 'Redis bytes published per edit', f: (run) => run.redisInputBytesPerEdit, target: true },
    { metric: 'Redis bytes sent to subscribers per edit', f: (run) => run.redisOutputBytesPerEdit },
    { metric: 'Redis PUBLISH commands per edit', f: (run) => run.redisPublishesPerEdit },
    { metric: 'Redis command time µs per edit', f: (run) => run.redisCommandUsPerEdit, target: true },
    { metric: 'Redis CPU µs per edit', f: (run) => run.redisCpuUsPerEdit },
    { metric: 'Confer CPU ms per edit (A + B)', f: (run) => run.conferCpuMsPerEdit },
    {
      metric: 'edit→remote p99, across processes (ms)',
      f: (run) => run.measurement.result.latencyOtherProcess.p99,
    },
  ]
  for (const { metric, f, target } of perSize) {
    for (const s of redisCost) {
      const values = paired(s.runs.map(f), s === base ? null : (base?.runs.map(f) ?? null))
      const isTop = s.bytes === redisCost[redisCost.length - 1]?.bytes && s !== base
      rows.push(
        row(
          'S8b',
          `${size(s.bytes)}: ${metric}`,
          { ...values, reference: null },
          target && isTop ? `${size(s.bytes)} / ${base ? size(base.bytes) : '?'} ≤ 1.2×` : 'report',
          target && isTop ? flat : undefined,
        ),
      )
    }
  }
  return { rows, notes, raw: { sources: services.sources, ...s8 }, diverged }
}

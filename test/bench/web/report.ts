/** One line of the client bench's table: one number against its target (no reference server here). */
export interface WebRow {
  scenario: string
  metric: string
  value: number | null
  /** Per-round values where the metric was taken more than once (the value is their median). */
  rounds?: number[]
  target: string
  met: boolean | null
}

const fmt = (v: number | null) => (v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(2))

/** The table in the server bench's style (test/bench/report.ts), with the machine and notes. */
export function webMarkdown(rows: WebRow[], machine: string, notes: string[]): string {
  const lines = [
    `Machine: ${machine}`,
    '',
    '| scenario | metric | value | rounds | target | met |',
    '|---|---|---:|---:|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.metric} | ${fmt(r.value)} | ${r.rounds && r.rounds.length > 1 ? r.rounds.map(fmt).join(', ') : ''} | ${r.target} | ${r.met === null ? '' : r.met ? 'yes' : '**no**'} |`,
    ),
  ]
  if (notes.length > 0) lines.push('', ...notes.map((n) => `- ${n}`))
  return `${lines.join('\n')}\n`
}

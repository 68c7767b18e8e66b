export interface Row {
  scenario: string
  metric: string
  confer: number | null
  reference: number | null
  /** Shown instead of the reference's value where the reference was not run, and why. */
  referenceNote?: string
  /** Confer / reference, the median of per-round ratios where both ran (lower is better for every metric here). */
  ratio: number | null
  /** The lowest and highest per-round ratio: how far one round can be from the median. */
  ratioRange: [number, number] | null
  target: string
  met: boolean | null
}

const fmt = (v: number | null, digits = 2) =>
  v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(digits)

export function markdown(rows: Row[], machine: string, notes: string[]): string {
  const lines = [
    `Machine: ${machine}`,
    '',
    '| scenario | metric | Confer | reference | ratio | rounds | target | met |',
    '|---|---|---:|---:|---:|---:|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.metric} | ${fmt(r.confer)} | ${r.referenceNote ?? fmt(r.reference)} | ${fmt(r.ratio)} | ${r.ratioRange ? `${fmt(r.ratioRange[0])}–${fmt(r.ratioRange[1])}` : ''} | ${r.target} | ${r.met === null ? '' : r.met ? 'yes' : '**no**'} |`,
    ),
  ]
  if (notes.length > 0) lines.push('', ...notes.map((n) => `- ${n}`))
  return `${lines.join('\n')}\n`
}

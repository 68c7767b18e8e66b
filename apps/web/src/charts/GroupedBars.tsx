import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { AXIS, GRID, SERIES } from './chart-style.ts'

export interface BarSeries {
  /** The row field holding this series' value. */
  key: string
  name: string
}

interface Props {
  rows: readonly Record<string, string | number>[]
  /** The row field holding the category label (a week, "Held"). */
  labelKey: string
  /** One or two series; the second is hatched, so they differ without colour. */
  series: readonly BarSeries[]
  /** Writes each bar's number on it (few bars: a count people read rather than estimate). */
  valueLabels?: boolean
}

const hatchId = (index: number) => `chart-hatch-${index}`

/** Counts per category as bars, side by side per series, with a legend naming each. */
export function GroupedBars({ rows, labelKey, series, valueLabels = false }: Props) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart
        data={[...rows]}
        margin={{ top: 16, right: 16, bottom: 4, left: 0 }}
        accessibilityLayer={false}
      >
        <defs>
          {SERIES.map((style, index) => (
            <pattern
              key={style.color}
              id={hatchId(index)}
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="6" height="6" fill="#ffffff" />
              <rect width="3" height="6" fill={style.color} />
            </pattern>
          ))}
        </defs>
        <CartesianGrid stroke={GRID} strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey={labelKey} tick={AXIS} stroke={AXIS.stroke} />
        <YAxis tick={AXIS} stroke={AXIS.stroke} width={32} allowDecimals={false} />
        <Tooltip />
        {series.length > 1 && (
          <Legend formatter={(value) => <span className="chart__legend-text">{value}</span>} />
        )}
        {series.map((entry, index) => {
          const style = SERIES[index % SERIES.length] ?? SERIES[0]
          return (
            <Bar
              key={entry.key}
              dataKey={entry.key}
              name={entry.name}
              fill={style.hatched ? `url(#${hatchId(index)})` : style.color}
              stroke={style.color}
              strokeWidth={1.5}
              isAnimationActive={false}
            >
              {valueLabels && <LabelList dataKey={entry.key} position="top" fill="#1d2433" fontSize={13} />}
            </Bar>
          )
        })}
      </BarChart>
    </ResponsiveContainer>
  )
}

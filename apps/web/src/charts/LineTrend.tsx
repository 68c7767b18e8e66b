import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { AXIS, formatNumber, GRID, SERIES } from './chart-style.ts'

export interface TrendPoint {
  /** The x axis label (a short date). */
  label: string
  value: number
}

interface Props {
  points: readonly TrendPoint[]
  /** Fixed bounds (ratings 1–5); otherwise from the data. */
  domain?: [number, number]
  /** The value's name in the tooltip ("Value", "Average rating"). */
  name: string
}

/** One series over time: a line with a dot per point (a chart's drawing, inside ChartFigure). */
export function LineTrend({ points, domain, name }: Props) {
  const series = SERIES[0]
  return (
    <ResponsiveContainer width="100%" height={200}>
      <LineChart
        data={[...points]}
        margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={AXIS} stroke={AXIS.stroke} />
        <YAxis
          tick={AXIS}
          stroke={AXIS.stroke}
          width={40}
          allowDecimals
          domain={domain ?? ['auto', 'auto']}
          tickFormatter={formatNumber}
        />
        <Tooltip
          formatter={(value) => [typeof value === 'number' ? formatNumber(value) : String(value), name]}
        />
        <Line
          type="linear"
          dataKey="value"
          name={name}
          stroke={series.color}
          strokeWidth={2.5}
          dot={{ r: 4, fill: series.color, stroke: series.color }}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  )
}

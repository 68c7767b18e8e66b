import { goalPoints, type PlanGoal, type PlanSnapshot } from '@confer/model'
import { ChartFigure } from '../charts/ChartFigure.tsx'
import { formatNumber, formatShortDay } from '../charts/chart-style.ts'
import { LineTrend } from '../charts/LineTrend.tsx'
import { formatCalendarDate } from '../ui/format.ts'

/** A goal's progress line on the plan page: a point per evidence entry with a number, drawn from the live plan. */
export function GoalProgress({
  plan,
  goal,
  position,
}: {
  plan: PlanSnapshot
  goal: PlanGoal
  position: number
}) {
  const points = goalPoints(plan, goal.id)
  const last = points[points.length - 1]
  return (
    <ChartFigure
      title={`Progress toward goal ${position}`}
      summary={
        last
          ? `${points.length} value${points.length === 1 ? '' : 's'} of evidence; the latest, ${formatNumber(last.value)}, on ${formatCalendarDate(last.date)}.${goal.target ? ` Target: ${goal.target}.` : ''}`
          : ''
      }
      rows={points}
      rowKey={(point, index) => `${point.date}-${index}`}
      columns={[
        { header: 'Date', cell: (point) => formatCalendarDate(point.date) },
        { header: 'Value', cell: (point) => formatNumber(point.value) },
      ]}
      chart={
        <LineTrend
          name="Value"
          points={points.map((point) => ({ label: formatShortDay(point.date), value: point.value }))}
        />
      }
      empty="No evidence with a number for this goal yet: add some to the evidence log below."
    />
  )
}

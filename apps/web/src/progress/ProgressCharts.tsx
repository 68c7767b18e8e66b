import type { CommunityProgress } from '@confer/api'
import { useId } from 'react'
import { ChartFigure } from '../charts/ChartFigure.tsx'
import { formatNumber, formatShortDay } from '../charts/chart-style.ts'
import { GroupedBars } from '../charts/GroupedBars.tsx'
import { LineTrend } from '../charts/LineTrend.tsx'
import { formatCalendarDate, formatDate } from '../ui/format.ts'
import { Heading } from './Heading.tsx'

type Level = 2 | 3

/** Each goal's progress line: a point per evidence entry with a number (SPEC PR1). */
export function GoalCharts({ goals, level }: { goals: CommunityProgress['goals']; level: Level }) {
  const id = useId()
  return (
    <section className="card progress-section" aria-labelledby={`${id}-title`}>
      <Heading level={level} id={`${id}-title`}>
        Goals
      </Heading>
      {goals.length === 0 && <p className="notice">No goals in the plan yet.</p>}
      {goals.map((goal) => {
        const last = goal.points[goal.points.length - 1]
        return (
          <ChartFigure
            key={goal.id}
            title={`Progress toward “${goal.statement}”`}
            summary={
              last
                ? `${goal.points.length} value${goal.points.length === 1 ? '' : 's'} of evidence; the latest, ${formatNumber(last.value)}, on ${formatCalendarDate(last.date)}.${goal.target ? ` Target: ${goal.target}.` : ''}`
                : ''
            }
            rows={goal.points}
            rowKey={(point, index) => `${point.date}-${index}`}
            columns={[
              { header: 'Date', cell: (point) => formatCalendarDate(point.date) },
              { header: 'Value', cell: (point) => formatNumber(point.value) },
            ]}
            chart={
              <LineTrend
                name="Value"
                points={goal.points.map((point) => ({
                  label: formatShortDay(point.date),
                  value: point.value,
                }))}
              />
            }
            empty={
              <>
                No evidence with a number for this goal yet.
                {goal.target ? ` Target: ${goal.target}.` : ''}
              </>
            }
          />
        )
      })}
    </section>
  )
}

/** Meetings held and upcoming (SPEC PR3): two bars with their numbers on them. */
export function MeetingsChart({
  meetings,
  level,
}: {
  meetings: CommunityProgress['meetings']
  level: Level
}) {
  const id = useId()
  const rows = [
    { label: 'Held', count: meetings.held },
    { label: 'Upcoming', count: meetings.upcoming },
  ]
  const none = meetings.held + meetings.upcoming === 0
  return (
    <section className="card progress-section" aria-labelledby={`${id}-title`}>
      <Heading level={level} id={`${id}-title`}>
        Meetings
      </Heading>
      <ChartFigure
        title="Meetings held and upcoming"
        summary={`${meetings.held} held, ${meetings.upcoming} upcoming.`}
        rows={none ? [] : rows}
        rowKey={(row) => row.label}
        columns={[
          { header: 'Meetings', cell: (row) => row.label },
          { header: 'Number', cell: (row) => row.count },
        ]}
        chart={
          <GroupedBars
            rows={rows}
            labelKey="label"
            series={[{ key: 'count', name: 'Meetings' }]}
            valueLabels
          />
        }
        empty="No meetings scheduled yet (cancelled ones do not count)."
      />
    </section>
  )
}

/** Action items opened and done per week (SPEC PR2): weeks start on Monday. */
export function ActionsChart({ weeks, level }: { weeks: CommunityProgress['actionsByWeek']; level: Level }) {
  const id = useId()
  const rows = weeks.map((week) => ({
    label: formatShortDay(week.week),
    opened: week.opened,
    done: week.done,
  }))
  const opened = weeks.reduce((sum, week) => sum + week.opened, 0)
  const done = weeks.reduce((sum, week) => sum + week.done, 0)
  return (
    <section className="card progress-section" aria-labelledby={`${id}-title`}>
      <Heading level={level} id={`${id}-title`}>
        Action items
      </Heading>
      <ChartFigure
        title="Action items opened and done per week"
        summary={`Over ${weeks.length} week${weeks.length === 1 ? '' : 's'}, ${opened} opened and ${done} done.`}
        rows={weeks}
        rowKey={(week) => week.week}
        columns={[
          { header: 'Week of', cell: (week) => formatCalendarDate(week.week) },
          { header: 'Opened', cell: (week) => week.opened },
          { header: 'Done', cell: (week) => week.done },
        ]}
        chart={
          <GroupedBars
            rows={rows}
            labelKey="label"
            series={[
              { key: 'opened', name: 'Opened' },
              { key: 'done', name: 'Done' },
            ]}
          />
        }
        empty="No action items yet. They are counted from the meetings’ notes."
      />
    </section>
  )
}

/** How the team rated each norm at the close of its meetings. */
export function NormsCharts({ norms, level }: { norms: CommunityProgress['normsTrend']; level: Level }) {
  const id = useId()
  const rated = norms.filter((norm) => norm.points.length > 0)
  return (
    <section className="card progress-section" aria-labelledby={`${id}-title`}>
      <Heading level={level} id={`${id}-title`}>
        Norms check
      </Heading>
      <p className="hint">Average ratings (1–5) from the norms check at the end of each meeting.</p>
      {rated.length === 0 && (
        <p className="notice">No ratings yet. They appear after a meeting’s norms check.</p>
      )}
      {rated.map((norm) => {
        const last = norm.points[norm.points.length - 1]
        return (
          <ChartFigure
            key={norm.normId}
            title={`Norm: “${norm.text}”`}
            summary={`Rated in ${norm.points.length} meeting${norm.points.length === 1 ? '' : 's'}; latest average ${last ? formatNumber(last.average) : '–'} of 5.`}
            rows={norm.points}
            rowKey={(point) => point.meetingId}
            columns={[
              { header: 'Meeting', cell: (point) => point.title },
              { header: 'Date', cell: (point) => formatDate(point.startsAt) },
              { header: 'Average', cell: (point) => formatNumber(point.average) },
              { header: 'Ratings', cell: (point) => point.count },
            ]}
            chart={
              <LineTrend
                name="Average rating"
                domain={[1, 5]}
                points={norm.points.map((point) => ({
                  label: formatShortDay(point.startsAt.slice(0, 10)),
                  value: point.average,
                }))}
              />
            }
            empty=""
          />
        )
      })}
    </section>
  )
}

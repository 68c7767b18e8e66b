import type { CommunityProgress } from '@confer/api'
import { useId } from 'react'
import { CYCLE_STAGE_LABELS } from '../ui/cycle-stages.ts'
import { formatCalendarDate } from '../ui/format.ts'
import { Heading } from './Heading.tsx'

/** Where the team stands, in words and numbers: the cycle's stage and its moves, meetings, action items. */
export function ProgressSummary({ progress, level }: { progress: CommunityProgress; level: 2 | 3 }) {
  const id = useId()
  const { cycle, timeline, meetings, actions } = progress
  const earlier = timeline.slice(0, -1)
  return (
    <section className="card progress-summary" aria-labelledby={`${id}-title`}>
      <Heading level={level} id={`${id}-title`}>
        Where the team stands
      </Heading>
      <dl className="progress-facts">
        <div>
          <dt>Cycle stage</dt>
          <dd>
            {cycle ? (
              <>
                <strong>{CYCLE_STAGE_LABELS[cycle.stage]}</strong>, since {formatCalendarDate(cycle.since)}
              </>
            ) : (
              'Not started yet'
            )}
          </dd>
        </div>
        <div>
          <dt>Meetings</dt>
          <dd>
            <strong>{meetings.held}</strong> held, <strong>{meetings.upcoming}</strong> upcoming
          </dd>
        </div>
        <div>
          <dt>Action items</dt>
          <dd>
            <strong>{actions.open}</strong> open, <strong>{actions.done}</strong> done
          </dd>
        </div>
      </dl>
      {earlier.length > 0 && (
        <>
          <p className="progress-timeline__title" id={`${id}-timeline`}>
            Earlier stages
          </p>
          <ol className="progress-timeline" aria-labelledby={`${id}-timeline`}>
            {earlier.map((move, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: moves have no id and never reorder
              <li key={index}>
                {CYCLE_STAGE_LABELS[move.stage]} from {formatCalendarDate(move.since)}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}

import { type CycleStage, moveStage, type PlanSnapshot } from '@confer/model'
import { useState } from 'react'
import type * as Y from 'yjs'
import { CYCLE_STAGE_HINTS, CYCLE_STAGE_LABELS, CYCLE_STAGE_ORDER } from '../ui/cycle-stages.ts'
import { today } from '../ui/due-date.ts'
import { formatCalendarDate } from '../ui/format.ts'

interface Props {
  doc: Y.Doc
  plan: PlanSnapshot
  editable: boolean
}

/**
 * The improvement cycle as a stepper the team moves together: the current stage and since when,
 * a button per other stage for members, and the timeline of every move (each kept with its day).
 */
export function CycleStepper({ doc, plan, editable }: Props) {
  const [status, setStatus] = useState('')
  const current = plan.cycle?.stage ?? null
  const move = (stage: CycleStage) => {
    const moved = moveStage(doc, stage, today())
    setStatus(moved ? `The cycle moved to ${CYCLE_STAGE_LABELS[stage]}.` : 'The cycle could not be moved.')
  }
  return (
    <section className="card plan-section" aria-labelledby="cycle-title">
      <h2 id="cycle-title">The improvement cycle</h2>
      <p className="cycle-now">
        {plan.cycle ? (
          <>
            Current stage: <strong>{CYCLE_STAGE_LABELS[plan.cycle.stage]}</strong>, since{' '}
            {formatCalendarDate(plan.cycle.since)}
          </>
        ) : (
          'The cycle has not started yet.'
        )}
      </p>
      <ol className="cycle-steps" aria-label="Stages of the cycle">
        {CYCLE_STAGE_ORDER.map((stage, index) => {
          const here = stage === current
          return (
            <li key={stage} className="cycle-step" aria-current={here ? 'step' : undefined}>
              <span className="cycle-step__number" aria-hidden="true">
                {index + 1}
              </span>
              <span className="cycle-step__body">
                <span className="cycle-step__name">
                  {CYCLE_STAGE_LABELS[stage]}
                  {here && <span className="tag tag--now">Now</span>}
                </span>
                <span className="cycle-step__hint">{CYCLE_STAGE_HINTS[stage]}</span>
              </span>
              {editable && !here && (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => move(stage)}
                >
                  Move to {CYCLE_STAGE_LABELS[stage]}
                </button>
              )}
            </li>
          )
        })}
      </ol>
      {editable && (
        <p className="success-note" role="status">
          {status}
        </p>
      )}
      <h3 id="timeline-title">Timeline</h3>
      {plan.timeline.length === 0 ? (
        <p className="notice">Every move of the cycle is kept here with its date.</p>
      ) : (
        <ol className="cycle-timeline" aria-labelledby="timeline-title">
          {plan.timeline.map((entry, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: moves have no id and never reorder
            <li key={index}>
              <strong>{CYCLE_STAGE_LABELS[entry.stage]}</strong> from {formatCalendarDate(entry.since)}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

import type { PlanGoal, PlanSnapshot } from '@confer/model'
import type * as Y from 'yjs'
import { formatCalendarDate } from '../ui/format.ts'
import { GoalField } from './GoalField.tsx'
import { GoalProgress } from './GoalProgress.tsx'

interface Props {
  doc: Y.Doc
  plan: PlanSnapshot
  goal: PlanGoal
  position: number
  editable: boolean
  onRemove: (goal: PlanGoal) => void
}

/** One goal: its fields (edited live by members, read by observers) and its progress line. */
export function GoalCard({ doc, plan, goal, position, editable, onRemove }: Props) {
  const headingId = `goal-${goal.id}-title`
  return (
    <section className="goal-card" aria-labelledby={headingId}>
      <h3 id={headingId} className="goal-card__title">
        Goal {position}
      </h3>
      {editable ? (
        <div className="goal-card__fields">
          <GoalField doc={doc} goal={goal} field="statement" label="Statement" multiline />
          <GoalField doc={doc} goal={goal} field="measure" label="How we measure it" />
          <div className="goal-card__row">
            <GoalField doc={doc} goal={goal} field="target" label="Target" />
            <GoalField doc={doc} goal={goal} field="due" label="Due date" hint="Optional." />
          </div>
          <GoalField doc={doc} goal={goal} field="alignsTo" label="Serves (school or district goal)" />
        </div>
      ) : (
        <>
          <p className="goal-card__statement">{goal.statement}</p>
          <dl className="goal-card__facts">
            <Fact term="How we measure it" value={goal.measure} />
            <Fact term="Target" value={goal.target} />
            <Fact term="Due" value={goal.due ? formatCalendarDate(goal.due) : ''} />
            <Fact term="Serves" value={goal.alignsTo} />
          </dl>
        </>
      )}
      <GoalProgress plan={plan} goal={goal} position={position} />
      {editable && (
        <button
          type="button"
          className="button button--quiet button--small goal-card__remove"
          onClick={() => onRemove(goal)}
        >
          Remove goal {position}
        </button>
      )}
    </section>
  )
}

function Fact({ term, value }: { term: string; value: string }) {
  if (!value) return null
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  )
}

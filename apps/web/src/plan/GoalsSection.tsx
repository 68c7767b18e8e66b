import { type PlanGoal, type PlanSnapshot, removeGoal } from '@confer/model'
import { useState } from 'react'
import type * as Y from 'yjs'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { AddGoalForm } from './AddGoalForm.tsx'
import { GoalCard } from './GoalCard.tsx'

interface Props {
  doc: Y.Doc
  plan: PlanSnapshot
  editable: boolean
}

/** The plan's goals, each with its progress line, and a form for another. */
export function GoalsSection({ doc, plan, editable }: Props) {
  const [removing, setRemoving] = useState<PlanGoal | null>(null)
  return (
    <section className="card plan-section" aria-labelledby="goals-title">
      <h2 id="goals-title">Goals</h2>
      <p className="hint">What we want to change for our students, how we will know, and by when.</p>
      {plan.goals.length === 0 ? (
        <p className="notice">
          {editable ? 'No goals yet. Write the first one below.' : 'This team has not set any goals yet.'}
        </p>
      ) : (
        <ol className="goal-list">
          {plan.goals.map((goal, index) => (
            <li key={goal.id}>
              <GoalCard
                doc={doc}
                plan={plan}
                goal={goal}
                position={index + 1}
                editable={editable}
                onRemove={setRemoving}
              />
            </li>
          ))}
        </ol>
      )}
      {editable && <AddGoalForm doc={doc} count={plan.goals.length} />}
      <ConfirmDialog
        open={removing !== null}
        title="Remove this goal?"
        confirmLabel="Remove goal"
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) removeGoal(doc, removing.id)
          setRemoving(null)
        }}
      >
        <p>
          “{removing?.statement}” will be removed for everyone. Its evidence stays in the log; the plan’s
          history can bring the goal back.
        </p>
      </ConfirmDialog>
    </section>
  )
}

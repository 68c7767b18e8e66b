import { addGoal, goalProblems, PLAN_LIMITS } from '@confer/model'
import { type FormEvent, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { Field } from '../ui/Field.tsx'
import { type FieldErrors, showFieldErrors } from '../ui/form-errors.ts'
import { type GoalField, problemMessages } from './plan-messages.ts'

const EMPTY = { statement: '', measure: '', target: '', due: '', alignsTo: '' }

/** A new goal at the end of the plan, checked against the model's limits before it is written. */
export function AddGoalForm({ doc, count }: { doc: Y.Doc; count: number }) {
  const formRef = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState(EMPTY)
  const [errors, setErrors] = useState<FieldErrors<GoalField>>({})
  const [status, setStatus] = useState('')
  const set = (field: keyof typeof EMPTY) => (text: string) => setValues((v) => ({ ...v, [field]: text }))

  if (count >= PLAN_LIMITS.goals) {
    return (
      <p className="notice">A plan holds at most {PLAN_LIMITS.goals} goals. Remove one to add another.</p>
    )
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const goal = { ...values, statement: values.statement.trim(), due: values.due || null }
    const problems = goalProblems(goal)
    if (problems.length > 0 || addGoal(doc, goal) === null) {
      showFieldErrors(
        setErrors,
        problems.length > 0
          ? problemMessages<GoalField>(problems, goal)
          : { statement: 'This goal cannot be added.' },
        formRef.current,
      )
      return
    }
    setErrors({})
    setValues(EMPTY)
    setStatus(`Goal ${count + 1} added.`)
  }

  return (
    <form
      ref={formRef}
      className="stack-form add-goal"
      onSubmit={submit}
      noValidate
      aria-labelledby="add-goal-title"
    >
      <h3 id="add-goal-title">Add a goal</h3>
      <Field
        label="Goal statement"
        hint="What the team wants to change for its students."
        error={errors.statement}
      >
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={values.statement}
            onChange={(e) => set('statement')(e.target.value)}
          />
        )}
      </Field>
      <Field label="How we will measure it" hint="Optional." error={errors.measure}>
        {(control) => (
          <input {...control} value={values.measure} onChange={(e) => set('measure')(e.target.value)} />
        )}
      </Field>
      <div className="goal-card__row">
        <Field label="Target" hint="Optional, e.g. 80% by June." error={errors.target}>
          {(control) => (
            <input {...control} value={values.target} onChange={(e) => set('target')(e.target.value)} />
          )}
        </Field>
        <Field label="Due" hint="Optional." error={errors.due}>
          {(control) => (
            <input {...control} type="date" value={values.due} onChange={(e) => set('due')(e.target.value)} />
          )}
        </Field>
      </div>
      <Field label="School or district goal it serves" hint="Optional." error={errors.alignsTo}>
        {(control) => (
          <input {...control} value={values.alignsTo} onChange={(e) => set('alignsTo')(e.target.value)} />
        )}
      </Field>
      <button type="submit" className="button button--primary">
        Add goal
      </button>
      <p className="success-note" role="status">
        {status}
      </p>
    </form>
  )
}

import { type EvidenceInput, evidenceProblems, PLAN_LIMITS, type PlanGoal } from '@confer/model'
import { type FormEvent, useRef, useState } from 'react'
import { today } from '../ui/due-date.ts'
import { Field } from '../ui/Field.tsx'
import { type FieldErrors, showFieldErrors } from '../ui/form-errors.ts'
import { type EvidenceField, problemMessages } from './plan-messages.ts'

interface Props {
  goals: readonly PlanGoal[]
  /** The goal chosen at first (the agenda item's, in a meeting). */
  initialGoalId?: string | null
  /** Writes the entry; its id, or null when the plan refused it. */
  onAdd: (input: EvidenceInput) => string | null
  /** Full: how many entries the log has, against its limit. */
  full: boolean
  /** After an entry was written (a dialog closes). */
  onAdded?: () => void
}

/** Reads "42", "3.5" or "3,5"; '' is no number; anything else is not one (NaN). */
function parseValue(text: string): number | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const number = Number(trimmed.replace(',', '.'))
  return Number.isFinite(number) ? number : Number.NaN
}

/** An evidence entry: when, for which goal, what was tried, what it showed, and a number if there is one. */
export function EvidenceForm({ goals, initialGoalId = null, onAdd, full, onAdded }: Props) {
  const formRef = useRef<HTMLFormElement>(null)
  const [date, setDate] = useState(today)
  const [goalId, setGoalId] = useState(initialGoalId ?? '')
  const [tried, setTried] = useState('')
  const [showed, setShowed] = useState('')
  const [value, setValue] = useState('')
  const [errors, setErrors] = useState<FieldErrors<EvidenceField>>({})
  const [status, setStatus] = useState('')

  if (full) return <p className="notice">The evidence log is full ({PLAN_LIMITS.evidence} entries).</p>

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const entry = {
      date,
      goalId: goalId || null,
      tried: tried.trim(),
      showed: showed.trim(),
      value: parseValue(value),
    }
    let found = problemMessages<EvidenceField>(evidenceProblems(entry), entry)
    if (!entry.tried && !entry.showed && entry.value === null)
      found = { ...found, tried: 'Say what you tried or what it showed, or give a number.' }
    if (Object.keys(found).length === 0 && onAdd(entry) === null)
      found = { tried: 'This entry cannot be added.' }
    if (Object.keys(found).length > 0) {
      setStatus('')
      showFieldErrors(setErrors, found, formRef.current)
      return
    }
    setErrors({})
    setTried('')
    setShowed('')
    setValue('')
    setStatus('Evidence added.')
    onAdded?.()
  }

  return (
    <form
      ref={formRef}
      className="stack-form evidence-form"
      onSubmit={submit}
      noValidate
      aria-label="Add evidence"
    >
      <div className="evidence-form__row">
        <Field label="Date" error={errors.date}>
          {(control) => (
            <input {...control} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          )}
        </Field>
        <Field label="Goal" error={errors.goalId}>
          {(control) => (
            <select {...control} value={goalId} onChange={(e) => setGoalId(e.target.value)}>
              <option value="">No goal</option>
              {goals.map((goal, index) => (
                <option key={goal.id} value={goal.id}>
                  {`Goal ${index + 1}: ${goal.statement}`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Number" hint="Optional: a score, a percentage." error={errors.value}>
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field label="What we tried" error={errors.tried}>
        {(control) => (
          <textarea {...control} rows={2} value={tried} onChange={(e) => setTried(e.target.value)} />
        )}
      </Field>
      <Field label="What it showed" error={errors.showed}>
        {(control) => (
          <textarea {...control} rows={2} value={showed} onChange={(e) => setShowed(e.target.value)} />
        )}
      </Field>
      <button type="submit" className="button button--primary">
        Add evidence
      </button>
      <p className="success-note" role="status">
        {status}
      </p>
    </form>
  )
}

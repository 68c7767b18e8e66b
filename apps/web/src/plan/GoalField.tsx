import { goalProblems, type PlanGoal, updateGoal } from '@confer/model'
import { useState } from 'react'
import type * as Y from 'yjs'
import { Field } from '../ui/Field.tsx'
import { limitOf, type GoalField as Name, problemMessages } from './plan-messages.ts'

interface Props {
  doc: Y.Doc
  goal: PlanGoal
  field: Name
  label: string
  hint?: string
  multiline?: boolean
}

/**
 * One field of a goal, written to the plan document as it is typed (everyone sees it at once).
 * While the person types, the field shows their own text: someone else's edit arriving mid-word
 * does not move the caret. Text the model refuses (a blank statement, over the limit) is not
 * written; the field keeps it, says why, and the others keep seeing the last good text.
 */
export function GoalField({ doc, goal, field, label, hint, multiline = false }: Props) {
  const shared = field === 'due' ? (goal.due ?? '') : goal[field]
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const write = (text: string) => {
    setDraft(text)
    const value = field === 'due' ? text || null : text
    if (updateGoal(doc, goal.id, { [field]: value })) {
      setError(null)
      return
    }
    const { id: _, ...fields } = goal
    const messages = problemMessages<Name>(goalProblems({ ...fields, [field]: value }), { [field]: text })
    setError(messages[field] ?? 'This cannot be saved.')
  }
  const limit = limitOf(field)
  const props = {
    value: draft ?? shared,
    onFocus: () => setDraft(shared),
    // A refused text stays in the field, with its reason, until it is put right.
    onBlur: () => {
      if (error === null) setDraft(null)
    },
  }
  return (
    <Field label={label} hint={hint ?? (limit ? `Up to ${limit} characters.` : undefined)} error={error}>
      {(control) =>
        multiline ? (
          <textarea {...control} {...props} rows={2} onChange={(e) => write(e.target.value)} />
        ) : (
          <input
            {...control}
            {...props}
            type={field === 'due' ? 'date' : 'text'}
            onChange={(e) => write(e.target.value)}
          />
        )
      }
    </Field>
  )
}

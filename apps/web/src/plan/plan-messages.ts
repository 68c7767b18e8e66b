import { PLAN_LIMITS } from '@confer/model'

/**
 * The model's reasons for refusing a goal or an evidence entry (plan-check.ts: "statement is
 * required", "tried is too long") as a person reads them, beside the field concerned, with the
 * model's limits in them.
 */

export type GoalField = 'statement' | 'measure' | 'target' | 'due' | 'alignsTo'
export type EvidenceField = 'date' | 'goalId' | 'tried' | 'showed' | 'value'

const LIMITS: Partial<Record<GoalField | EvidenceField, number>> = {
  statement: PLAN_LIMITS.statementChars,
  measure: PLAN_LIMITS.measureChars,
  target: PLAN_LIMITS.targetChars,
  alignsTo: PLAN_LIMITS.alignsToChars,
  tried: PLAN_LIMITS.evidenceTextChars,
  showed: PLAN_LIMITS.evidenceTextChars,
}

/** The most characters a text field of the plan holds. */
export const limitOf = (field: GoalField | EvidenceField): number | undefined => LIMITS[field]

const SAY: Record<string, string> = {
  'statement is required': 'Write what the goal is.',
  'due is not a YYYY-MM-DD date': 'Pick a real date, or leave it empty.',
  'date is not a YYYY-MM-DD date': 'Pick the date the evidence is from.',
  'value is not a finite number': 'Write a number, like 42 or 3.5, or leave it empty.',
}

/** Per field, what to tell the person; fields without a problem are absent. */
export function problemMessages<K extends string>(
  problems: readonly string[],
  values: Partial<Record<K, unknown>>,
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {}
  for (const problem of problems) {
    const field = problem.split(' ')[0] as K
    if (out[field]) continue
    const said = SAY[problem]
    if (said) out[field] = said
    else if (problem.endsWith('is too long')) {
      const value = values[field]
      const length = typeof value === 'string' ? value.length : 0
      out[field] = `At most ${limitOf(field as GoalField)} characters; this has ${length}.`
    } else out[field] = problem
  }
  return out
}

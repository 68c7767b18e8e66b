import { readPlan } from '@confer/model'
import type * as Y from 'yjs'
import { CYCLE_STAGE_LABELS } from '../ui/cycle-stages.ts'
import type { ContentEntry } from './version-content.ts'

/**
 * A plan document as comparable text (its versions, a copy to keep when saving fails): each
 * goal with its fields, the cycle with every move, each evidence entry. One fact per line, so a
 * word diff shows what changed.
 */
export function planEntries(doc: Y.Doc): ContentEntry[] {
  const plan = readPlan(doc)
  const lines = (...parts: (string | false | null)[]) => parts.filter(Boolean).join('\n')
  const goals = plan.goals.map((goal, i) => ({
    id: `goal:${goal.id}`,
    label: `Goal ${i + 1}`,
    text: lines(
      goal.statement,
      goal.measure && `Measure: ${goal.measure}`,
      goal.target && `Target: ${goal.target}`,
      goal.due && `Due: ${goal.due}`,
      goal.alignsTo && `Serves: ${goal.alignsTo}`,
    ),
  }))
  const cycle = {
    id: 'cycle',
    label: 'Cycle',
    text: lines(
      plan.cycle ? `Now: ${CYCLE_STAGE_LABELS[plan.cycle.stage]} since ${plan.cycle.since}` : 'Not started',
      ...plan.timeline.map((move) => `${CYCLE_STAGE_LABELS[move.stage]} from ${move.since}`),
    ),
  }
  const goalName = new Map(plan.goals.map((goal, i) => [goal.id, `Goal ${i + 1}`]))
  const evidence = plan.evidence.map((entry) => ({
    id: `evidence:${entry.id}`,
    label: `Evidence of ${entry.date}`,
    text: lines(
      entry.goalId && `For: ${goalName.get(entry.goalId) ?? 'a removed goal'}`,
      entry.tried && `Tried: ${entry.tried}`,
      entry.showed && `Showed: ${entry.showed}`,
      entry.value !== null && `Number: ${entry.value}`,
    ),
  }))
  return [...goals, cycle, ...evidence]
}

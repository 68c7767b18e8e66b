import * as Y from 'yjs'
import { PLAN_LIMITS } from './limits.ts'
import {
  cycleMap,
  type EvidenceFields,
  evidenceArray,
  goalsArray,
  isCycleStage,
  isEntryId,
  isPlanDate,
  type PlanGoal,
  timelineArray,
} from './plan-shape.ts'

/**
 * What is wrong with a plan document (SPEC PL2), said once for the model's writers, for tests
 * and for the server, which refuses a write that adds a problem (PlanChecker). Problems are
 * short phrases ("statement is required"); where they are is named by the caller.
 */

const within = (value: unknown, max: number): boolean => typeof value === 'string' && value.length <= max

/** Every reason a goal is refused (statement required, lengths, due date); [] when it is a goal. */
export function goalProblems(goal: Omit<PlanGoal, 'id'>): string[] {
  const problems: string[] = []
  if (typeof goal.statement !== 'string' || goal.statement.trim() === '')
    problems.push('statement is required')
  else if (!within(goal.statement, PLAN_LIMITS.statementChars)) problems.push('statement is too long')
  if (!within(goal.measure, PLAN_LIMITS.measureChars)) problems.push('measure is too long')
  if (!within(goal.target, PLAN_LIMITS.targetChars)) problems.push('target is too long')
  if (!within(goal.alignsTo, PLAN_LIMITS.alignsToChars)) problems.push('alignsTo is too long')
  if (goal.due !== null && !isPlanDate(goal.due)) problems.push('due is not a YYYY-MM-DD date')
  return problems
}

/** Every reason an evidence entry is refused; [] when it is one. */
export function evidenceProblems(entry: EvidenceFields): string[] {
  const problems: string[] = []
  if (!isPlanDate(entry.date)) problems.push('date is not a YYYY-MM-DD date')
  if (entry.goalId !== null && !isEntryId(entry.goalId)) problems.push('goalId is not an id')
  if (entry.meetingId != null && !isEntryId(entry.meetingId)) problems.push('meetingId is not an id')
  if (entry.itemId != null && !isEntryId(entry.itemId)) problems.push('itemId is not an id')
  if (!within(entry.tried, PLAN_LIMITS.evidenceTextChars)) problems.push('tried is too long')
  if (!within(entry.showed, PLAN_LIMITS.evidenceTextChars)) problems.push('showed is too long')
  if (entry.value !== null && !(typeof entry.value === 'number' && Number.isFinite(entry.value)))
    problems.push('value is not a finite number')
  return problems
}

/** Every reason a stage and its day are refused (the cycle, a timeline entry). */
export function stageProblems(stage: unknown, since: unknown): string[] {
  const problems: string[] = []
  if (!isCycleStage(stage)) problems.push('stage is not a cycle stage')
  if (!isPlanDate(since)) problems.push('since is not a YYYY-MM-DD date')
  return problems
}

export const goalProblem = (goal: Omit<PlanGoal, 'id'>): string | null => goalProblems(goal)[0] ?? null
export const evidenceProblem = (entry: EvidenceFields): string | null => evidenceProblems(entry)[0] ?? null
export const cycleProblem = (stage: unknown, since: unknown): string | null =>
  stageProblems(stage, since)[0] ?? null

const GOAL_KEYS = new Set(['id', 'statement', 'measure', 'target', 'due', 'alignsTo'])
const EVIDENCE_KEYS = new Set(['id', 'date', 'goalId', 'tried', 'showed', 'value', 'meetingId', 'itemId'])
const STAGE_KEYS = new Set(['stage', 'since'])

/** An entry's fields in one pass; a field the shape does not have is a problem. */
function fieldsOf(map: Y.Map<unknown>, keys: Set<string>, problems: string[]): Map<string, unknown> {
  const fields = new Map<string, unknown>()
  for (const [key, value] of map) {
    if (keys.has(key)) fields.set(key, value)
    else problems.push(`unknown field ${key}`)
  }
  return fields
}

/** Missing optional fields read as their empty value; present ones must be right. */
const orElse = (fields: Map<string, unknown>, key: string, empty: unknown) =>
  fields.has(key) ? fields.get(key) : empty

export function goalEntryProblems(value: unknown): string[] {
  if (!(value instanceof Y.Map)) return ['not an entry']
  const problems: string[] = []
  const fields = fieldsOf(value, GOAL_KEYS, problems)
  if (!isEntryId(fields.get('id'))) problems.push('id is not an id')
  const goal = {
    statement: fields.get('statement'),
    measure: orElse(fields, 'measure', ''),
    target: orElse(fields, 'target', ''),
    due: orElse(fields, 'due', null),
    alignsTo: orElse(fields, 'alignsTo', ''),
  } as Omit<PlanGoal, 'id'>
  return [...problems, ...goalProblems(goal)]
}

export function evidenceEntryProblems(value: unknown): string[] {
  if (!(value instanceof Y.Map)) return ['not an entry']
  const problems: string[] = []
  const fields = fieldsOf(value, EVIDENCE_KEYS, problems)
  if (!isEntryId(fields.get('id'))) problems.push('id is not an id')
  const entry = {
    date: fields.get('date'),
    goalId: orElse(fields, 'goalId', null),
    tried: orElse(fields, 'tried', ''),
    showed: orElse(fields, 'showed', ''),
    value: orElse(fields, 'value', null),
    meetingId: fields.get('meetingId'),
    itemId: fields.get('itemId'),
  } as EvidenceFields
  return [...problems, ...evidenceProblems(entry)]
}

/** A timeline entry, or the cycle map itself (an empty cycle is no problem: none was set yet). */
export function stageEntryProblems(value: unknown, emptyAllowed = false): string[] {
  if (!(value instanceof Y.Map)) return ['not an entry']
  if (emptyAllowed && value.size === 0) return []
  const problems: string[] = []
  const fields = fieldsOf(value, STAGE_KEYS, problems)
  return [...problems, ...stageProblems(fields.get('stage'), fields.get('since'))]
}

/** One list of the plan, the limit on its length and what each of its entries must be. */
export interface PlanList {
  name: 'goal' | 'evidence' | 'timeline'
  list: Y.Array<unknown>
  limit: number
  check: (value: unknown) => string[]
}

export function planLists(doc: Y.Doc): PlanList[] {
  return [
    { name: 'goal', list: goalsArray(doc), limit: PLAN_LIMITS.goals, check: goalEntryProblems },
    { name: 'evidence', list: evidenceArray(doc), limit: PLAN_LIMITS.evidence, check: evidenceEntryProblems },
    {
      name: 'timeline',
      list: timelineArray(doc),
      limit: PLAN_LIMITS.timeline,
      check: (v) => stageEntryProblems(v),
    },
  ]
}

/** Where an entry is, for a person reading the problem: its id when it has one. */
export function entryLabel(name: string, value: unknown, index?: number): string {
  const id = value instanceof Y.Map ? value.get('id') : undefined
  if (isEntryId(id)) return `${name} ${id}`
  return index === undefined ? name : `${name} #${index}`
}

/**
 * Everything wrong with a plan document, strictly: `goal <id>: statement is required`,
 * `goals: more than 50`, `cycle: stage is not a cycle stage`. Optional goal and evidence fields
 * may be missing (readers show '' or null); anything present must be right. Duplicate ids are
 * not a problem: readers keep the first.
 */
export function planProblems(doc: Y.Doc): string[] {
  const problems: string[] = []
  for (const { name, list, limit, check } of planLists(doc)) {
    if (list.length > limit) problems.push(`${name === 'goal' ? 'goals' : name}: more than ${limit}`)
    list.toArray().forEach((value, index) => {
      for (const problem of check(value)) problems.push(`${entryLabel(name, value, index)}: ${problem}`)
    })
  }
  for (const problem of stageEntryProblems(cycleMap(doc), true)) problems.push(`cycle: ${problem}`)
  return problems
}

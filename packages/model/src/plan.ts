import * as Y from 'yjs'
import { isId, newId } from './ids.ts'
import { PLAN_LIMITS } from './limits.ts'
import { cycleProblem, evidenceProblem, goalProblem } from './plan-check.ts'
import {
  type CycleStage,
  cycleMap,
  type EvidenceFields,
  type EvidenceInput,
  type EvidencePatch,
  evidenceArray,
  type GoalInput,
  type GoalPatch,
  goalsArray,
  isCycleStage,
  isEntryId,
  isPlanDate,
  type PlanCycle,
  type PlanEvidence,
  type PlanGoal,
  type PlanSnapshot,
  timelineArray,
} from './plan-shape.ts'

export * from './plan-shape.ts'

/**
 * Typed access to a `community/<id>/plan` document (DESIGN §3, SPEC PL1): `goals` and
 * `evidence` (Y.Array of Y.Map), `cycle` (Y.Map {stage, since}) and, our extension, `timeline`
 * (Y.Array of Y.Map {stage, since}: every stage move with the day it was made). Readers skip
 * what is not an entry and never throw; writers refuse input outside PLAN_LIMITS (what
 * plan-check.ts says) and write nothing.
 */

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

// ---------------------------------------------------------------------------------------------
// Readers: tolerant, never throw.

export function readGoalEntry(value: unknown): PlanGoal | null {
  if (!(value instanceof Y.Map)) return null
  const id = value.get('id')
  const statement = value.get('statement')
  if (!isEntryId(id) || typeof statement !== 'string' || statement.trim() === '') return null
  const due = value.get('due')
  return {
    id,
    statement,
    measure: text(value.get('measure')),
    target: text(value.get('target')),
    due: isPlanDate(due) ? due : null,
    alignsTo: text(value.get('alignsTo')),
  }
}

export function readEvidenceEntry(value: unknown): PlanEvidence | null {
  if (!(value instanceof Y.Map)) return null
  const id = value.get('id')
  const date = value.get('date')
  if (!isEntryId(id) || !isPlanDate(date)) return null
  const goalId = value.get('goalId')
  const number = value.get('value')
  const meetingId = value.get('meetingId')
  const itemId = value.get('itemId')
  return {
    id,
    date,
    goalId: isEntryId(goalId) ? goalId : null,
    tried: text(value.get('tried')),
    showed: text(value.get('showed')),
    value: typeof number === 'number' && Number.isFinite(number) ? number : null,
    ...(isEntryId(meetingId) ? { meetingId } : {}),
    ...(isEntryId(itemId) ? { itemId } : {}),
  }
}

export function readCycleEntry(value: unknown): PlanCycle | null {
  if (!(value instanceof Y.Map)) return null
  const stage = value.get('stage')
  const since = value.get('since')
  return isCycleStage(stage) && isPlanDate(since) ? { stage, since } : null
}

function readEntries<T extends { id: string }>(array: Y.Array<unknown>, read: (v: unknown) => T | null): T[] {
  const seen = new Set<string>()
  const out: T[] = []
  for (const value of array) {
    const entry = read(value)
    if (!entry || seen.has(entry.id)) continue
    seen.add(entry.id)
    out.push(entry)
  }
  return out
}

/**
 * Tolerant reader: skips malformed entries, never throws. Goals and evidence in document order
 * (duplicate ids keep the first); timeline oldest first (by day, same-day moves in the order made).
 */
export function readPlan(doc: Y.Doc): PlanSnapshot {
  try {
    const timeline = timelineArray(doc)
      .toArray()
      .map(readCycleEntry)
      .filter((c): c is PlanCycle => c !== null)
      .map((c, order) => ({ c, order }))
      .sort((a, b) => a.c.since.localeCompare(b.c.since) || a.order - b.order)
      .map(({ c }) => c)
    return {
      goals: readEntries(goalsArray(doc), readGoalEntry),
      cycle: readCycleEntry(cycleMap(doc)),
      evidence: readEntries(evidenceArray(doc), readEvidenceEntry),
      timeline,
    }
  } catch {
    // A top-level name already taken by another kind of type (only code outside this module could do it).
    return { goals: [], cycle: null, evidence: [], timeline: [] }
  }
}

/** A goal's progress line: evidence with that goal and a value, one point per entry, oldest first (ties by entry order). */
export function goalPoints(plan: PlanSnapshot, goalId: string): { date: string; value: number }[] {
  return plan.evidence
    .map((entry, order) => ({ entry, order }))
    .filter(({ entry }) => entry.goalId === goalId && entry.value !== null)
    .sort((a, b) => a.entry.date.localeCompare(b.entry.date) || a.order - b.order)
    .map(({ entry }) => ({ date: entry.date, value: entry.value as number }))
}

// ---------------------------------------------------------------------------------------------
// Writers: each validates first; a refused call returns null/false and writes nothing.

function indexOfEntry(array: Y.Array<unknown>, id: string): number {
  return array.toArray().findIndex((value) => value instanceof Y.Map && value.get('id') === id)
}

function entryMap(array: Y.Array<unknown>, id: string): Y.Map<unknown> | null {
  const index = indexOfEntry(array, id)
  const value = index < 0 ? undefined : array.get(index)
  return value instanceof Y.Map ? value : null
}

function setChanged(map: Y.Map<unknown>, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) if (map.get(key) !== value) map.set(key, value)
}

/** A new entry's map (not in a document yet, so it must not be read). */
function newEntry(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(fields)) map.set(key, value)
  return map
}

/** Adds a goal at the end; its id, or null when refused (blank statement, limits, 50 goals already). */
export function addGoal(doc: Y.Doc, input: GoalInput, id: string = newId()): string | null {
  const goal: Omit<PlanGoal, 'id'> = {
    statement: input.statement,
    measure: input.measure ?? '',
    target: input.target ?? '',
    due: input.due ?? null,
    alignsTo: input.alignsTo ?? '',
  }
  const goals = goalsArray(doc)
  if (goalProblem(goal) !== null || !isId(id) || goals.length >= PLAN_LIMITS.goals) return null
  doc.transact(() => {
    goals.push([newEntry({ id, ...goal })])
  })
  return id
}

/** Changes a goal's fields; false (nothing written) when it is unknown or the result is refused. */
export function updateGoal(doc: Y.Doc, id: string, patch: GoalPatch): boolean {
  const map = entryMap(goalsArray(doc), id)
  const current = readGoalEntry(map)
  if (!map || !current) return false
  const { id: _, ...rest } = current
  const next = { ...rest, ...definedOnly(patch) }
  if (goalProblem(next) !== null) return false
  doc.transact(() => setChanged(map, next))
  return true
}

export function removeGoal(doc: Y.Doc, id: string): boolean {
  const index = indexOfEntry(goalsArray(doc), id)
  if (index < 0) return false
  goalsArray(doc).delete(index, 1)
  return true
}

/**
 * Moves the cycle to `stage` from `today` (YYYY-MM-DD) and keeps the move in the timeline.
 * False when refused: an unknown stage, a date that is not one, the stage it is already at.
 */
export function moveStage(doc: Y.Doc, stage: CycleStage, today: string): boolean {
  if (cycleProblem(stage, today) !== null) return false
  if (readCycleEntry(cycleMap(doc))?.stage === stage) return false
  const timeline = timelineArray(doc)
  if (timeline.length >= PLAN_LIMITS.timeline) return false
  doc.transact(() => {
    setChanged(cycleMap(doc), { stage, since: today })
    timeline.push([newEntry({ stage, since: today })])
  })
  return true
}

/** Adds an evidence entry at the end of the log; its id, or null when refused. */
export function addEvidence(doc: Y.Doc, input: EvidenceInput, id: string = newId()): string | null {
  const entry: EvidenceFields = {
    date: input.date,
    goalId: input.goalId ?? null,
    tried: input.tried ?? '',
    showed: input.showed ?? '',
    value: input.value ?? null,
    ...(input.meetingId ? { meetingId: input.meetingId } : {}),
    ...(input.itemId ? { itemId: input.itemId } : {}),
  }
  const evidence = evidenceArray(doc)
  if (evidenceProblem(entry) !== null || !isId(id) || evidence.length >= PLAN_LIMITS.evidence) return null
  doc.transact(() => {
    evidence.push([newEntry({ id, ...entry })])
  })
  return id
}

export function updateEvidence(doc: Y.Doc, id: string, patch: EvidencePatch): boolean {
  const map = entryMap(evidenceArray(doc), id)
  const current = readEvidenceEntry(map)
  if (!map || !current) return false
  const { id: _, ...rest } = current
  const next: EvidenceFields = { ...rest, ...definedOnly(patch) }
  if (evidenceProblem(next) !== null) return false
  doc.transact(() => {
    const { meetingId, itemId, ...fields } = next
    setChanged(map, fields)
    // A link taken away leaves no key behind, as an entry that never had one.
    for (const [key, link] of [
      ['meetingId', meetingId],
      ['itemId', itemId],
    ] as const) {
      if (link == null) {
        if (map.has(key)) map.delete(key)
      } else if (map.get(key) !== link) map.set(key, link)
    }
  })
  return true
}

export function removeEvidence(doc: Y.Doc, id: string): boolean {
  const index = indexOfEntry(evidenceArray(doc), id)
  if (index < 0) return false
  evidenceArray(doc).delete(index, 1)
  return true
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>
}

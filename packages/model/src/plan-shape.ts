import type * as Y from 'yjs'
import { isId } from './ids.ts'

/**
 * The shape of a `community/<id>/plan` document (DESIGN §3, SPEC PL1): its types, its top-level
 * Yjs types and what a date and a stage are. plan.ts reads and writes it (and re-exports this);
 * plan-check.ts says what is wrong with one.
 */

export const CYCLE_STAGES = ['assess', 'plan', 'learn', 'act', 'evidence', 'reflect'] as const
export type CycleStage = (typeof CYCLE_STAGES)[number]

/** The parts of the plan an agenda item can work on (its `planLink`, SPEC PL4). */
export const PLAN_SECTIONS = ['goals', 'cycle', 'evidence'] as const
export type PlanSection = (typeof PLAN_SECTIONS)[number]
export const isPlanSection = (value: unknown): value is PlanSection =>
  typeof value === 'string' && (PLAN_SECTIONS as readonly string[]).includes(value)

export interface PlanGoal {
  id: string
  statement: string
  measure: string
  target: string
  due: string | null
  alignsTo: string
}
export interface PlanEvidence {
  id: string
  date: string
  goalId: string | null
  tried: string
  showed: string
  value: number | null
  /** The meeting and agenda item it was recorded from (SPEC PL4): present only when set. */
  meetingId?: string
  itemId?: string
}
/** since: YYYY-MM-DD */
export interface PlanCycle {
  stage: CycleStage
  since: string
}
export interface PlanSnapshot {
  goals: PlanGoal[]
  cycle: PlanCycle | null
  evidence: PlanEvidence[]
  timeline: PlanCycle[]
}

export type GoalInput = Omit<PlanGoal, 'id' | 'measure' | 'target' | 'due' | 'alignsTo'> &
  Partial<Pick<PlanGoal, 'measure' | 'target' | 'due' | 'alignsTo'>>
export type GoalPatch = Partial<Omit<PlanGoal, 'id'>>
export type EvidenceLinks = { meetingId?: string | null; itemId?: string | null }
export type EvidenceInput = Pick<PlanEvidence, 'date'> &
  Partial<Omit<PlanEvidence, 'id' | 'date' | 'meetingId' | 'itemId'>> &
  EvidenceLinks
export type EvidencePatch = Partial<Omit<PlanEvidence, 'id' | 'meetingId' | 'itemId'>> & EvidenceLinks
/** An entry's fields as checked and written; a link set to null is taken away. */
export type EvidenceFields = Omit<PlanEvidence, 'id' | 'meetingId' | 'itemId'> & EvidenceLinks

const GOALS = 'goals'
const CYCLE = 'cycle'
const EVIDENCE = 'evidence'
const TIMELINE = 'timeline'

export const goalsArray = (doc: Y.Doc): Y.Array<unknown> => doc.getArray<unknown>(GOALS)
export const cycleMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(CYCLE)
export const evidenceArray = (doc: Y.Doc): Y.Array<unknown> => doc.getArray<unknown>(EVIDENCE)
export const timelineArray = (doc: Y.Doc): Y.Array<unknown> => doc.getArray<unknown>(TIMELINE)

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real day of the calendar written YYYY-MM-DD (2026-02-30 is not one). */
export function isPlanDate(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const match = DATE.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

export const isCycleStage = (value: unknown): value is CycleStage =>
  typeof value === 'string' && (CYCLE_STAGES as readonly string[]).includes(value)

export const isEntryId = (value: unknown): value is string => typeof value === 'string' && isId(value)

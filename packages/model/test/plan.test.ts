import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAgendaItem, readAgenda, updateAgendaItem } from '../src/agenda.ts'
import { PLAN_LIMITS } from '../src/limits.ts'
import {
  addEvidence,
  addGoal,
  cycleMap,
  evidenceArray,
  goalPoints,
  goalsArray,
  isPlanDate,
  moveStage,
  readPlan,
  removeEvidence,
  removeGoal,
  timelineArray,
  updateEvidence,
  updateGoal,
} from '../src/plan.ts'
import { planProblems } from '../src/plan-check.ts'
import { RESTORABLE, restoreTopLevel } from '../src/restore.ts'
import { BUILT_IN_TEMPLATES, stageTemplate } from '../src/templates.ts'

const entry = (fields: Record<string, unknown>) => {
  const map = new Y.Map<unknown>()
  for (const [k, v] of Object.entries(fields)) map.set(k, v)
  return map
}

const goal = { statement: 'More grade 4 readers at benchmark', measure: 'DIBELS', target: '80%' }

describe('plan: goals', () => {
  it('[PL1] adds, edits and removes goals; optional fields default', () => {
    const doc = new Y.Doc()
    const id = addGoal(doc, { statement: 'Fewer late assignments' }) as string
    expect(readPlan(doc).goals).toEqual([
      { id, statement: 'Fewer late assignments', measure: '', target: '', due: null, alignsTo: '' },
    ])
    expect(
      updateGoal(doc, id, { target: 'Half as many', due: '2027-06-15', alignsTo: 'District goal 2' }),
    ).toBe(true)
    expect(readPlan(doc).goals[0]).toMatchObject({ target: 'Half as many', due: '2027-06-15' })
    expect(removeGoal(doc, id)).toBe(true)
    expect(removeGoal(doc, id)).toBe(false)
    expect(readPlan(doc).goals).toEqual([])
    expect(planProblems(doc)).toEqual([])
  })

  it('[PL2] refuses a goal without a statement, over-long text, a bad due date, a 51st goal: nothing written', () => {
    const doc = new Y.Doc()
    expect(addGoal(doc, { statement: '   ' })).toBeNull()
    expect(addGoal(doc, { statement: 'x'.repeat(PLAN_LIMITS.statementChars + 1) })).toBeNull()
    expect(addGoal(doc, { ...goal, measure: 'x'.repeat(PLAN_LIMITS.measureChars + 1) })).toBeNull()
    expect(addGoal(doc, { ...goal, target: 'x'.repeat(PLAN_LIMITS.targetChars + 1) })).toBeNull()
    expect(addGoal(doc, { ...goal, alignsTo: 'x'.repeat(PLAN_LIMITS.alignsToChars + 1) })).toBeNull()
    expect(addGoal(doc, { ...goal, due: '2027-02-30' })).toBeNull()
    expect(addGoal(doc, { ...goal, due: 'June' })).toBeNull()
    expect(goalsArray(doc).length).toBe(0)
    for (let i = 0; i < PLAN_LIMITS.goals; i++) expect(addGoal(doc, goal)).not.toBeNull()
    expect(addGoal(doc, goal)).toBeNull()
    expect(readPlan(doc).goals).toHaveLength(PLAN_LIMITS.goals)
  })

  it('[PL2] a refused edit changes nothing', () => {
    const doc = new Y.Doc()
    const id = addGoal(doc, goal) as string
    expect(updateGoal(doc, id, { statement: '' })).toBe(false)
    expect(updateGoal(doc, id, { due: '2027-13-01' })).toBe(false)
    expect(updateGoal(doc, 'unknown', { statement: 'x' })).toBe(false)
    expect(readPlan(doc).goals[0]).toMatchObject(goal)
  })
})

describe('plan: cycle and timeline', () => {
  it('[PL1] moving the stage sets the cycle and keeps every move in the timeline, oldest first', () => {
    const doc = new Y.Doc()
    expect(readPlan(doc).cycle).toBeNull()
    expect(moveStage(doc, 'assess', '2026-09-01')).toBe(true)
    expect(moveStage(doc, 'assess', '2026-09-02')).toBe(false)
    expect(moveStage(doc, 'plan', '2026-09-15')).toBe(true)
    const plan = readPlan(doc)
    expect(plan.cycle).toEqual({ stage: 'plan', since: '2026-09-15' })
    expect(plan.timeline).toEqual([
      { stage: 'assess', since: '2026-09-01' },
      { stage: 'plan', since: '2026-09-15' },
    ])
  })

  it('[PL2] refuses a stage not in the cycle and a date that is not YYYY-MM-DD', () => {
    const doc = new Y.Doc()
    expect(moveStage(doc, 'celebrate' as 'assess', '2026-09-01')).toBe(false)
    expect(moveStage(doc, 'assess', '1 Sept')).toBe(false)
    expect(cycleMap(doc).size).toBe(0)
    expect(timelineArray(doc).length).toBe(0)
  })

  it('[PL1] two members moving at once: both moves are kept, one stage wins everywhere', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    moveStage(a, 'act', '2026-10-01')
    moveStage(b, 'learn', '2026-09-30')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readPlan(a)).toEqual(readPlan(b))
    expect(readPlan(a).timeline.map((t) => t.stage)).toEqual(['learn', 'act'])
  })
})

describe('plan: evidence and progress lines', () => {
  it('[PL1] a point per dated value of the goal, oldest first, ties in entry order', () => {
    const doc = new Y.Doc()
    const g = addGoal(doc, goal) as string
    const other = addGoal(doc, { statement: 'Attendance' }) as string
    addEvidence(doc, { date: '2026-10-10', goalId: g, tried: 'Partner reading', value: 62 })
    addEvidence(doc, { date: '2026-09-20', goalId: g, showed: 'Baseline', value: 55 })
    addEvidence(doc, { date: '2026-10-10', goalId: g, value: 64 })
    addEvidence(doc, { date: '2026-10-11', goalId: g, tried: 'No number' })
    addEvidence(doc, { date: '2026-10-12', goalId: other, value: 90 })
    addEvidence(doc, { date: '2026-10-13', value: 1 })
    const plan = readPlan(doc)
    expect(plan.evidence).toHaveLength(6)
    expect(goalPoints(plan, g)).toEqual([
      { date: '2026-09-20', value: 55 },
      { date: '2026-10-10', value: 62 },
      { date: '2026-10-10', value: 64 },
    ])
    expect(goalPoints(plan, other)).toEqual([{ date: '2026-10-12', value: 90 }])
  })

  it('[PL2] refuses a bad date, a non-finite value, over-long text, a 2,001st entry; edits are checked too', () => {
    const doc = new Y.Doc()
    expect(addEvidence(doc, { date: '2026-9-1' })).toBeNull()
    expect(addEvidence(doc, { date: '2026-09-01', value: Number.NaN })).toBeNull()
    expect(addEvidence(doc, { date: '2026-09-01', value: Number.POSITIVE_INFINITY })).toBeNull()
    expect(
      addEvidence(doc, { date: '2026-09-01', tried: 'x'.repeat(PLAN_LIMITS.evidenceTextChars + 1) }),
    ).toBeNull()
    expect(addEvidence(doc, { date: '2026-09-01', goalId: '../goal' })).toBeNull()
    expect(evidenceArray(doc).length).toBe(0)
    const id = addEvidence(doc, { date: '2026-09-01', value: 3 }) as string
    expect(updateEvidence(doc, id, { value: Number.NaN })).toBe(false)
    expect(updateEvidence(doc, id, { value: null, showed: 'Better' })).toBe(true)
    expect(readPlan(doc).evidence[0]).toMatchObject({ value: null, showed: 'Better' })
    expect(removeEvidence(doc, id)).toBe(true)
    doc.transact(() => {
      for (let i = 0; i < PLAN_LIMITS.evidence; i++) addEvidence(doc, { date: '2026-09-01' })
    })
    expect(addEvidence(doc, { date: '2026-09-02' })).toBeNull()
    expect(readPlan(doc).evidence).toHaveLength(PLAN_LIMITS.evidence)
  })

  it('[PL4] an entry can name the meeting item it came from', () => {
    const doc = new Y.Doc()
    const id = addEvidence(doc, {
      date: '2026-09-01',
      meetingId: 'meeting00000001',
      itemId: 'item000000000001',
    })
    expect(readPlan(doc).evidence[0]).toMatchObject({
      id,
      meetingId: 'meeting00000001',
      itemId: 'item000000000001',
    })
    expect(addEvidence(doc, { date: '2026-09-01', meetingId: 'not an id' })).toBeNull()
    expect(planProblems(doc)).toEqual([])
  })
})

describe('plan: what any client could write', () => {
  it('[PL1] the reader skips malformed entries and never throws; the checker names every problem', () => {
    const doc = new Y.Doc()
    const g = addGoal(doc, goal) as string
    goalsArray(doc).push([
      entry({ id: 'noStatement0001', statement: '' }),
      entry({ id: g, statement: 'duplicate id' }),
      entry({ statement: 'no id' }),
    ])
    goalsArray(doc).push(['a string'])
    addEvidence(doc, { date: '2026-09-01', goalId: g, value: 2 })
    evidenceArray(doc).push([
      entry({ id: 'badDate00000001', date: '2026-02-30', value: 3 }),
      entry({ id: 'badValue0000001', date: '2026-09-02', goalId: g, value: 'ten' }),
    ])
    cycleMap(doc).set('stage', 'celebrate')
    cycleMap(doc).set('since', '2026-09-01')
    timelineArray(doc).push([
      entry({ stage: 'assess', since: 'yesterday' }),
      entry({ stage: 'act', since: '2026-09-03' }),
    ])

    const plan = readPlan(doc)
    expect(plan.goals.map((x) => x.id)).toEqual([g])
    expect(plan.evidence.map((e) => e.date)).toEqual(['2026-09-01', '2026-09-02'])
    expect(plan.evidence[1]?.value).toBeNull()
    expect(plan.cycle).toBeNull()
    expect(plan.timeline).toEqual([{ stage: 'act', since: '2026-09-03' }])
    expect(goalPoints(plan, g)).toEqual([{ date: '2026-09-01', value: 2 }])
    expect(planProblems(doc)).toEqual([
      'goal noStatement0001: statement is required',
      'goal #3: id is not an id',
      'goal #4: not an entry',
      'evidence badDate00000001: date is not a YYYY-MM-DD date',
      'evidence badValue0000001: value is not a finite number',
      'timeline #0: since is not a YYYY-MM-DD date',
      'cycle: stage is not a cycle stage',
    ])
  })

  it('[PL2] fields the shape does not have are a problem; optional ones may be missing', () => {
    const doc = new Y.Doc()
    goalsArray(doc).push([entry({ id: 'minimalGoal0001', statement: 'Only a statement' })])
    expect(planProblems(doc)).toEqual([])
    goalsArray(doc).push([entry({ id: 'extraField00001', statement: 'S', script: '<b>' })])
    expect(planProblems(doc)).toEqual(['goal extraField00001: unknown field script'])
  })

  it('[PL1] calendar dates only', () => {
    expect(['2026-01-31', '2028-02-29'].every(isPlanDate)).toBe(true)
    expect(
      ['2027-02-29', '2026-04-31', '2026-00-10', '26-01-01', ' 2026-01-01', 20260101].some(isPlanDate),
    ).toBe(false)
  })

  it('[PL3] a restore brings goals, cycle, evidence and timeline back', () => {
    const doc = new Y.Doc()
    addGoal(doc, goal)
    moveStage(doc, 'assess', '2026-09-01')
    const old = new Y.Doc()
    Y.applyUpdate(old, Y.encodeStateAsUpdate(doc))
    const before = readPlan(doc)
    addGoal(doc, { statement: 'Later goal' })
    moveStage(doc, 'plan', '2026-09-20')
    addEvidence(doc, { date: '2026-09-21', value: 4 })
    restoreTopLevel(doc, old, RESTORABLE.plan)
    expect(readPlan(doc)).toEqual(before)
  })
})

describe('plan links on the agenda and stage templates', () => {
  it('[PL4] an item points at a part of the plan and a goal; readers tolerate anything else', () => {
    const doc = new Y.Doc()
    const plain = addAgendaItem(doc, { title: 'Plain' })
    const linked = addAgendaItem(doc, { title: 'Goals', planLink: 'goals', goalId: 'goal000000000001' })
    updateAgendaItem(doc, plain, { planLink: 'weather' as 'goals', goalId: '../x' })
    const agenda = readAgenda(doc)
    expect(agenda.find((i) => i.id === plain)).toMatchObject({ planLink: null, goalId: null })
    expect(agenda.find((i) => i.id === linked)).toMatchObject({
      planLink: 'goals',
      goalId: 'goal000000000001',
    })
    updateAgendaItem(doc, linked, { planLink: null, goalId: null })
    expect(readAgenda(doc).find((i) => i.id === linked)).toMatchObject({ planLink: null, goalId: null })
  })

  it('[PL4] each stage has a built-in template whose agenda links to the plan', () => {
    for (const stage of ['assess', 'plan', 'learn', 'act', 'evidence', 'reflect'] as const) {
      const template = stageTemplate(stage)
      expect(template, stage).toBeDefined()
      expect(BUILT_IN_TEMPLATES).toContain(template)
      expect(template?.items.some((i) => i.planLink)).toBe(true)
    }
    expect(stageTemplate('assess')?.name).toBe('Look at data')
    expect(stageTemplate('plan')?.name).toBe('Plan the next cycle')
    expect(stageTemplate('reflect')?.name).toBe('Reflect on the cycle')
  })
})

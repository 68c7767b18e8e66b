import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PLAN_LIMITS } from '../src/limits.ts'
import {
  addEvidence,
  addGoal,
  cycleMap,
  evidenceArray,
  goalsArray,
  moveStage,
  updateGoal,
} from '../src/plan.ts'
import { PlanChecker } from '../src/plan-checker.ts'

const entry = (fields: Record<string, unknown>) => {
  const map = new Y.Map<unknown>()
  for (const [k, v] of Object.entries(fields)) map.set(k, v)
  return map
}

/** A server-side copy a checker follows, and a client's doc whose changes reach it as updates. */
function pair() {
  const client = new Y.Doc()
  const copy = new Y.Doc()
  const checker = new PlanChecker(copy)
  const sync = () => {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(client, Y.encodeStateVector(copy)))
    return checker.takeAdded()
  }
  return { client, sync }
}

describe('[PL2] PlanChecker: the problems each change adds', () => {
  it('valid edits add nothing; a malformed goal, stage, date, value or text each add their problem', () => {
    const { client, sync } = pair()
    const goal = addGoal(client, { statement: 'Readers at benchmark' }) as string
    moveStage(client, 'assess', '2026-09-01')
    addEvidence(client, { date: '2026-09-02', goalId: goal, value: 3 })
    expect(sync()).toEqual([])

    ;(goalsArray(client).get(0) as Y.Map<unknown>).set('statement', ' ')
    expect(sync()).toEqual([`goal ${goal}: statement is required`])
    cycleMap(client).set('stage', 'celebrate')
    expect(sync()).toEqual(['cycle: stage is not a cycle stage'])
    ;(evidenceArray(client).get(0) as Y.Map<unknown>).set('value', Number.NaN)
    expect(sync()[0]).toMatch(/^evidence \w+: value is not a finite number$/)
    goalsArray(client).push([
      entry({ id: 'longText0000001', statement: 'x'.repeat(PLAN_LIMITS.statementChars + 1) }),
    ])
    expect(sync()).toEqual(['goal longText0000001: statement is too long'])
    goalsArray(client).push(['not a map'])
    expect(sync()).toEqual(['goal: not an entry'])
  })

  it('what was already wrong does not count again; a new problem in the same entry does', () => {
    const client = new Y.Doc()
    goalsArray(client).push([entry({ id: 'legacyGoal00001', statement: '' })])
    // The copy starts from a stored document that was already wrong: that is known, not added.
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(client))
    const checker = new PlanChecker(copy)
    const sync = () => {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(client, Y.encodeStateVector(copy)))
      return checker.takeAdded()
    }
    ;(goalsArray(client).get(0) as Y.Map<unknown>).set('target', 'Half')
    expect(sync()).toEqual([])
    ;(goalsArray(client).get(0) as Y.Map<unknown>).set('due', 'soon')
    expect(sync()).toEqual(['goal legacyGoal00001: due is not a YYYY-MM-DD date'])
  })

  it('a list over its limit is refused only when it grows', () => {
    const { client, sync } = pair()
    client.transact(() => {
      for (let i = 0; i < PLAN_LIMITS.goals; i++) addGoal(client, { statement: `Goal ${i}` })
    })
    expect(sync()).toEqual([])
    goalsArray(client).push([entry({ id: 'oneTooMany00001', statement: 'One too many' })])
    expect(sync()).toEqual([`goals: more than ${PLAN_LIMITS.goals}`])
  })

  it('a change deep inside an entry counts for the entry; an entry added and removed in one update adds nothing', () => {
    const { client, sync } = pair()
    const goal = addGoal(client, { statement: 'Readers' }) as string
    expect(sync()).toEqual([])
    const nested = new Y.Map<unknown>()
    ;(goalsArray(client).get(0) as Y.Map<unknown>).set('measure', nested)
    expect(sync()).toEqual([`goal ${goal}: measure is too long`])
    client.transact(() => {
      goalsArray(client).push([entry({ id: 'fleeting0000001', statement: '' })])
      goalsArray(client).delete(goalsArray(client).length - 1, 1)
    })
    expect(sync()).toEqual([])
    updateGoal(client, goal, { statement: 'Readers at benchmark' })
    expect(sync()).toEqual([])
  })

  it('an edit in a plan of 2,000 entries looks at one entry, not all of them', () => {
    const { client, sync } = pair()
    client.transact(() => {
      for (let i = 0; i < PLAN_LIMITS.evidence; i++)
        addEvidence(client, {
          date: '2026-09-01',
          tried: 't'.repeat(1_000),
          showed: 's'.repeat(1_000),
          value: i,
        })
    })
    expect(sync()).toEqual([])
    const goal = addGoal(client, { statement: 'Readers' }) as string
    sync()
    const started = performance.now()
    for (let i = 0; i < 100; i++) {
      updateGoal(client, goal, { target: `${i}%` })
      expect(sync()).toEqual([])
    }
    // ~0.2 ms on a quiet machine; checking the whole document per edit took ~15 ms.
    expect((performance.now() - started) / 100).toBeLessThan(5)
  })
})

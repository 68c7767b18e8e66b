import { describe, expect, it } from 'vitest'
import { countActions, MAX_ACTION_WEEKS, weekOf } from '../src/services/progress/action-weeks.ts'

const DAY = 86_400_000
/** A Wednesday noon, UTC. */
const WEDNESDAY = Date.UTC(2030, 2, 6, 12)

describe('[PR2] action items per week', () => {
  it('labels a week by its Monday (UTC), whatever day and hour', () => {
    expect(weekOf(WEDNESDAY)).toBe('2030-03-04')
    expect(weekOf(Date.UTC(2030, 2, 4, 0, 0))).toBe('2030-03-04')
    expect(weekOf(Date.UTC(2030, 2, 10, 23, 59))).toBe('2030-03-04')
    expect(weekOf(Date.UTC(2030, 2, 11))).toBe('2030-03-11')
  })

  it('counts an item indexed before tick times were kept as done in the week of the last meeting holding it', () => {
    const copies = [
      { actionId: 'old', done: true, doneAt: null, meetingStartsAt: WEDNESDAY },
      { actionId: 'old', done: true, doneAt: null, meetingStartsAt: WEDNESDAY + 14 * DAY },
    ]
    expect(countActions(copies, WEDNESDAY + 14 * DAY)).toEqual({
      actions: { open: 0, done: 1 },
      actionsByWeek: [
        { week: '2030-03-04', opened: 1, done: 0 },
        { week: '2030-03-11', opened: 0, done: 0 },
        { week: '2030-03-18', opened: 0, done: 1 },
      ],
    })
  })

  it('answers nothing for a community without items, and at most the latest year of weeks', () => {
    expect(countActions([], WEDNESDAY)).toEqual({ actions: { open: 0, done: 0 }, actionsByWeek: [] })
    const old = { actionId: 'a', done: false, doneAt: null, meetingStartsAt: WEDNESDAY - 400 * DAY }
    const weeks = countActions([old], WEDNESDAY).actionsByWeek
    expect(weeks).toHaveLength(MAX_ACTION_WEEKS)
    expect(weeks.at(-1)).toEqual({ week: '2030-03-04', opened: 0, done: 0 })
  })
})

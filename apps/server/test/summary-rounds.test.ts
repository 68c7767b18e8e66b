import { describe, expect, it } from 'vitest'
import { groupRounds } from '../src/services/summary/run-rounds.ts'
import { lengthOf, utcTime } from '../src/services/summary/utc-time.ts'

const entry = (protocolId: string, step: number, startedAt: number, endedAt: number | null) => ({
  protocolId,
  step,
  startedAt,
  endedAt,
})

describe('[E3] protocol rounds in the summary', () => {
  it('steps that follow each other form one round; a stop, a restart or another protocol starts the next', () => {
    const rounds = groupRounds([
      entry('tuning', 0, 0, 300_000),
      entry('tuning', 1, 300_000, 400_000),
      entry('tuning', 0, 500_000, 600_000),
      entry('atlas', 0, 600_000, null),
    ])
    expect(rounds.map((r) => [r.protocolId, r.steps.map((s) => s.step)])).toEqual([
      ['tuning', [0, 1]],
      ['tuning', [0]],
      ['atlas', [0]],
    ])
  })

  it('writes times as unambiguous UTC and lengths as people say them', () => {
    expect(utcTime(Date.UTC(2026, 11, 7, 17, 30, 59))).toBe('2026-12-07 17:30 UTC')
    expect(lengthOf(42_400)).toBe('42 s')
    expect(lengthOf(8 * 60_000 + 20_000)).toBe('8 min')
  })
})

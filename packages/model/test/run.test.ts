import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  IDLE_RUN,
  logRunTransition,
  MAX_RUN_LOG,
  type RunState,
  readPresenter,
  readRun,
  readRunLog,
  runLogArray,
  writeRun,
} from '../src/run.ts'

const T0 = 1_800_000_000_000
const at = (step: number, state: RunState['state'] = 'running'): RunState => ({
  ...IDLE_RUN,
  protocolId: 'tuning',
  step,
  state,
  endsAt: state === 'running' ? T0 + 1 : null,
})

/** Writes `after` and logs the transition, as the server does. */
function move(doc: Y.Doc, after: RunState, now: number) {
  doc.transact(() => {
    const before = readRun(doc)
    writeRun(doc, after, [])
    logRunTransition(doc, before, after, now)
  })
}

describe('[F4] the presenter in the run document', () => {
  it('is read back, and documents written before it existed read as no presenter', () => {
    const doc = new Y.Doc()
    expect(readRun(doc).presenterId).toBeNull()
    writeRun(doc, { ...at(0), presenterId: 'bea' }, [])
    expect(readPresenter(doc)).toBe('bea')
    expect(readRun(doc).presenterId).toBe('bea')
    doc.getMap('run').set('presenterId', 42)
    expect(readPresenter(doc)).toBeNull()
  })
})

describe('[F5] the run log', () => {
  it('has one entry per step, each ended by the next at the same server instant', () => {
    const doc = new Y.Doc()
    move(doc, at(0), T0)
    move(doc, { ...at(0, 'paused'), remainingMs: 1000 }, T0 + 10)
    move(doc, at(0), T0 + 20)
    move(doc, at(1), T0 + 300_000)
    move(doc, at(0), T0 + 400_000)
    move(doc, { ...at(0), state: 'done', endsAt: null }, T0 + 500_000)
    expect(readRunLog(doc)).toEqual([
      { protocolId: 'tuning', step: 0, startedAt: T0, endedAt: T0 + 300_000 },
      { protocolId: 'tuning', step: 1, startedAt: T0 + 300_000, endedAt: T0 + 400_000 },
      { protocolId: 'tuning', step: 0, startedAt: T0 + 400_000, endedAt: T0 + 500_000 },
    ])
    // Stopping after "done" writes nothing more; a new round starts a new entry.
    move(doc, IDLE_RUN, T0 + 600_000)
    move(doc, { ...at(0), protocolId: 'atlas' }, T0 + 700_000)
    expect(readRunLog(doc).at(-1)).toEqual({
      protocolId: 'atlas',
      step: 0,
      startedAt: T0 + 700_000,
      endedAt: null,
    })
  })

  it('skips malformed entries and keeps only the latest entries', () => {
    const doc = new Y.Doc()
    runLogArray(doc).push([new Y.Map()])
    expect(readRunLog(doc)).toEqual([])
    for (let i = 0; i < MAX_RUN_LOG + 5; i++) move(doc, at(i % 2), T0 + i)
    const log = readRunLog(doc)
    expect(log).toHaveLength(MAX_RUN_LOG)
    expect(log.at(-1)).toMatchObject({ startedAt: T0 + MAX_RUN_LOG + 4, endedAt: null })
  })
})

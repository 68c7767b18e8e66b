import { remainingAt } from '@confer/model'
import { describe, expect, it } from 'vitest'
import { builtInProtocol, PROTOCOLS } from '../src/library.ts'
import { type Protocol, ProtocolBodySchema, ProtocolSchema, totalMinutes } from '../src/protocol.ts'
import { IDLE, type RunAction, type RunState, transition } from '../src/run-machine.ts'

const T0 = 1_800_000_000_000
const protocol: Protocol = {
  id: 'p',
  name: 'Test',
  purpose: '',
  steps: [
    {
      title: 'Intro',
      minutes: 5,
      speaker: 'facilitator',
      prompt: '',
      presenterSilent: false,
      perMember: false,
    },
    { title: 'Rounds', minutes: 2, speaker: 'each', prompt: '', presenterSilent: false, perMember: true },
    {
      title: 'Debrief',
      minutes: 10,
      speaker: 'everyone',
      prompt: '',
      presenterSilent: false,
      perMember: false,
    },
  ],
}
const people = ['ana', 'ben', 'cy']

function apply(run: RunState, action: RunAction, now = T0, speakers: readonly string[] = people) {
  return transition({ run, speakers, protocol, now }, action)
}

function ok(run: RunState, action: RunAction, now = T0, speakers: readonly string[] = people): RunState {
  const result = apply(run, action, now, speakers)
  if (!result.ok) throw new Error(`refused: ${result.reason}`)
  return result.run
}

const running = ok(IDLE, { action: 'start', protocolId: 'p' })
const paused = ok(running, { action: 'pause' }, T0 + 60_000)
const done: RunState = { ...running, state: 'done', endsAt: null }

const states: [string, RunState][] = [
  ['idle', IDLE],
  ['running', running],
  ['paused', paused],
  ['done', done],
]
const actions: RunAction[] = [
  { action: 'start', protocolId: 'p' },
  { action: 'pause' },
  { action: 'resume' },
  { action: 'next' },
  { action: 'prev' },
  { action: 'extend', seconds: 60 },
  { action: 'stop' },
  { action: 'speakers', userIds: ['ben', 'ana'] },
  { action: 'nextSpeaker' },
  { action: 'presenter', userId: 'ben' },
]
// Which actions make sense in which state (prev at the first step never does).
const allowed: Record<string, string[]> = {
  idle: ['start', 'speakers', 'presenter'],
  running: ['pause', 'next', 'extend', 'stop', 'speakers', 'nextSpeaker', 'presenter'],
  paused: ['resume', 'next', 'extend', 'stop', 'speakers', 'nextSpeaker', 'presenter'],
  done: ['start', 'stop', 'speakers', 'presenter'],
}

describe('every action from every state', () => {
  for (const [name, state] of states) {
    for (const action of actions) {
      const expected = allowed[name]?.includes(action.action) ?? false
      it(`${action.action} from ${name} is ${expected ? 'applied' : 'refused with a reason'}`, () => {
        const result = apply(state, action)
        expect(result.ok).toBe(expected)
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(5)
      })
    }
  }
})

describe('timing with the server clock', () => {
  it('start stamps an absolute end time from the given clock', () => {
    expect(running).toMatchObject({ state: 'running', step: 0, endsAt: T0 + 5 * 60_000, remainingMs: null })
  })

  it('pause keeps the time left, resume counts down from the new now', () => {
    expect(paused).toMatchObject({ state: 'paused', endsAt: null, remainingMs: 4 * 60_000 })
    const resumed = ok(paused, { action: 'resume' }, T0 + 10 * 60_000)
    expect(resumed).toMatchObject({ state: 'running', endsAt: T0 + 14 * 60_000 })
  })

  it('extend adds time while running or paused', () => {
    expect(ok(running, { action: 'extend', seconds: 90 }).endsAt).toBe(T0 + 5 * 60_000 + 90_000)
    expect(ok(paused, { action: 'extend', seconds: 30 }).remainingMs).toBe(4 * 60_000 + 30_000)
  })

  it('overtime: no silent auto-advance, the time left goes negative', () => {
    const late = T0 + 6 * 60_000
    expect(remainingAt(running, late)).toBe(-60_000)
    const pausedLate = ok(running, { action: 'pause' }, late)
    expect(pausedLate.remainingMs).toBe(-60_000)
    expect(pausedLate.step).toBe(0)
  })

  it('next while paused moves on but stays paused, with the new step’s full time', () => {
    expect(ok(paused, { action: 'next' })).toMatchObject({
      state: 'paused',
      step: 1,
      remainingMs: 2 * 60_000,
    })
  })
})

describe('go-rounds and steps per member', () => {
  it('a per-member step runs once per person in the go-round order, each with fresh time', () => {
    let run = ok(running, { action: 'next' }, T0 + 1000)
    expect(run).toMatchObject({ step: 1, speaker: 0, endsAt: T0 + 1000 + 120_000 })
    run = ok(run, { action: 'next' }, T0 + 2000)
    expect(run).toMatchObject({ step: 1, speaker: 1, endsAt: T0 + 2000 + 120_000 })
    run = ok(run, { action: 'nextSpeaker' }, T0 + 3000)
    expect(run).toMatchObject({ step: 1, speaker: 2 })
    expect(apply(run, { action: 'nextSpeaker' }).ok).toBe(false)
    run = ok(run, { action: 'next' })
    expect(run).toMatchObject({ step: 2, speaker: 0 })
    run = ok(run, { action: 'prev' })
    expect(run).toMatchObject({ step: 1, speaker: 2 })
  })

  it('without a go-round, a per-member step runs once', () => {
    const first = ok(running, { action: 'next' }, T0, [])
    expect(ok(first, { action: 'next' }, T0, [])).toMatchObject({ step: 2 })
  })

  it('next speaker cycles through the go-round in an ordinary step', () => {
    let run = running
    run = ok(run, { action: 'nextSpeaker' })
    run = ok(run, { action: 'nextSpeaker' })
    run = ok(run, { action: 'nextSpeaker' })
    expect(run.speaker).toBe(0)
    expect(run.endsAt).toBe(running.endsAt)
  })

  it('the last next ends the protocol', () => {
    let run = ok(running, { action: 'next' }, T0, [])
    run = ok(run, { action: 'next' }, T0, [])
    expect(ok(run, { action: 'next' }, T0, [])).toMatchObject({ state: 'done', endsAt: null })
  })

  it('reordering the go-round keeps the floor with whoever holds it', () => {
    const onBen = ok(running, { action: 'nextSpeaker' })
    const reordered = apply(onBen, { action: 'speakers', userIds: ['cy', 'ben', 'ana'] })
    expect(reordered.ok && reordered.run.speaker).toBe(1)
    const without = apply(onBen, { action: 'speakers', userIds: ['cy', 'ana'] })
    expect(without.ok && without.run.speaker).toBe(0)
  })

  it('a go-round lists each person once', () => {
    expect(apply(running, { action: 'speakers', userIds: ['ana', 'ana'] }).ok).toBe(false)
  })
})

describe('[F4] the presenter', () => {
  it('is chosen at start, kept when left out, changed any time, and cleared by stop', () => {
    expect(ok(IDLE, { action: 'start', protocolId: 'p', presenterId: 'ben' }).presenterId).toBe('ben')
    const chosen = ok(IDLE, { action: 'presenter', userId: 'cy' })
    expect(chosen).toMatchObject({ state: 'idle', presenterId: 'cy' })
    const started = ok(chosen, { action: 'start', protocolId: 'p' })
    expect(started.presenterId).toBe('cy')
    expect(ok(chosen, { action: 'start', protocolId: 'p', presenterId: null }).presenterId).toBeNull()
    const changed = ok(started, { action: 'presenter', userId: 'ana' })
    expect(changed).toMatchObject({ presenterId: 'ana', step: 0, endsAt: started.endsAt })
    expect(ok(changed, { action: 'stop' }).presenterId).toBeNull()
  })
})

describe('the library', () => {
  it('has the ten protocols of DESIGN §4, each with prompts in every step', () => {
    expect(PROTOCOLS).toHaveLength(10)
    for (const p of PROTOCOLS) {
      expect(p.steps.length).toBeGreaterThan(2)
      for (const s of p.steps) expect(s.prompt.length).toBeGreaterThan(10)
    }
    expect(
      builtInProtocol('tuning')?.steps.find((s) => s.title === 'Warm and cool feedback')?.presenterSilent,
    ).toBe(true)
  })

  it('[F6] every step carries the minutes DESIGN §4 allows, and starts within them', () => {
    const tuning = builtInProtocol('tuning')
    expect(tuning?.steps.map((s) => s.range)).toEqual([
      { min: 5, max: 10 },
      { min: 15, max: 20 },
      { min: 5, max: 5 },
      { min: 15, max: 15 },
      { min: 2, max: 3 },
      { min: 10, max: 15 },
      { min: 10, max: 15 },
      { min: 10, max: 10 },
    ])
    expect(tuning && totalMinutes(tuning, 4)).toBe(72)
    for (const p of PROTOCOLS) {
      expect(ProtocolSchema.safeParse(p).success).toBe(true)
      for (const s of p.steps) {
        expect(s.range).toBeDefined()
        expect(s.minutes).toBeGreaterThanOrEqual(s.range?.min ?? 0)
        expect(s.minutes).toBeLessThanOrEqual(s.range?.max ?? 0)
      }
    }
  })

  it('[F6] a copy keeps its ranges: minutes outside one are refused with the step named', () => {
    const tuning = builtInProtocol('tuning')
    if (!tuning) throw new Error('no tuning')
    const { id: _id, ...body } = tuning
    const longer = { ...body, steps: body.steps.map((s, i) => (i === 0 ? { ...s, minutes: 10 } : s)) }
    expect(ProtocolBodySchema.safeParse(longer).success).toBe(true)
    const tooLong = { ...body, steps: body.steps.map((s, i) => (i === 0 ? { ...s, minutes: 12 } : s)) }
    const refused = ProtocolBodySchema.safeParse(tooLong)
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0]).toMatchObject({
      path: ['steps', 0, 'minutes'],
      message: 'Introduction takes 5 to 10 minutes.',
    })
    // A step a team wrote itself has no range: anything from 1 to 120 minutes.
    const own = { ...body, steps: [{ ...body.steps[0], range: undefined, minutes: 45 }] }
    expect(ProtocolBodySchema.safeParse(own).success).toBe(true)
    const backwards = { ...body, steps: [{ ...body.steps[0], range: { min: 9, max: 3 }, minutes: 5 }] }
    expect(ProtocolBodySchema.safeParse(backwards).success).toBe(false)
  })
})

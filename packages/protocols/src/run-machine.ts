import { IDLE_RUN, type RunState } from '@confer/model'
import type { Protocol } from './protocol.ts'

/**
 * The facilitation state machine: pure, with the clock passed in, so every transition can be
 * tested from every state. The server applies it with its own clock and writes the result to
 * the read-only `meeting/<id>/run` document; clients only display it.
 */
export type { RunState, RunStatus } from '@confer/model'
export const IDLE: RunState = IDLE_RUN

export type RunAction =
  /** `presenterId`: who presents; left out, the round keeps the presenter it has. */
  | { action: 'start'; protocolId: string; presenterId?: string | null }
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'next' }
  | { action: 'prev' }
  | { action: 'extend'; seconds: number }
  | { action: 'stop' }
  | { action: 'speakers'; userIds: string[] }
  | { action: 'nextSpeaker' }
  | { action: 'presenter'; userId: string | null }

export type Transition =
  | { ok: true; run: RunState; speakers: readonly string[] }
  | { ok: false; reason: string }

export interface RunContext {
  run: RunState
  speakers: readonly string[]
  /** The protocol being run (for `start`: the one asked for), or null if unknown. */
  protocol: Protocol | null
  now: number
}

const refuse = (reason: string): Transition => ({ ok: false, reason })

function stepMs(protocol: Protocol, step: number): number {
  return (protocol.steps[step]?.minutes ?? 0) * 60_000
}

/** Moves to (step, speaker) with a fresh timer, keeping running or paused as it was. */
function moveTo(run: RunState, protocol: Protocol, step: number, speaker: number, now: number): RunState {
  const ms = stepMs(protocol, step)
  return run.state === 'paused'
    ? { ...run, step, speaker, endsAt: null, remainingMs: ms }
    : { ...run, step, speaker, state: 'running', endsAt: now + ms, remainingMs: null }
}

const isLive = (run: RunState) => run.state === 'running' || run.state === 'paused'

export function transition(ctx: RunContext, input: RunAction): Transition {
  const { run, speakers, protocol, now } = ctx
  const keep = (next: RunState, order: readonly string[] = speakers): Transition => ({
    ok: true,
    run: next,
    speakers: order,
  })
  const perMember = (step: number) => protocol?.steps[step]?.perMember === true && speakers.length > 0

  switch (input.action) {
    case 'start': {
      if (isLive(run)) return refuse('A protocol is already running: stop it before starting another.')
      if (!protocol) return refuse('That protocol does not exist.')
      return keep({
        protocolId: protocol.id,
        step: 0,
        speaker: 0,
        state: 'running',
        endsAt: now + stepMs(protocol, 0),
        remainingMs: null,
        presenterId: input.presenterId === undefined ? run.presenterId : input.presenterId,
      })
    }
    case 'pause':
      if (run.state !== 'running' || run.endsAt === null) return refuse('Only a running step can be paused.')
      return keep({ ...run, state: 'paused', remainingMs: run.endsAt - now, endsAt: null })
    case 'resume':
      if (run.state !== 'paused' || run.remainingMs === null)
        return refuse('Only a paused step can be resumed.')
      return keep({ ...run, state: 'running', endsAt: now + run.remainingMs, remainingMs: null })
    case 'extend': {
      const ms = input.seconds * 1000
      if (run.state === 'running' && run.endsAt !== null) return keep({ ...run, endsAt: run.endsAt + ms })
      if (run.state === 'paused' && run.remainingMs !== null)
        return keep({ ...run, remainingMs: run.remainingMs + ms })
      return refuse('Only a running or paused step can be extended.')
    }
    case 'next': {
      if (!isLive(run) || !protocol) return refuse('No protocol is running.')
      if (perMember(run.step) && run.speaker < speakers.length - 1) {
        return keep(moveTo(run, protocol, run.step, run.speaker + 1, now))
      }
      if (run.step >= protocol.steps.length - 1) {
        return keep({ ...run, state: 'done', endsAt: null, remainingMs: null })
      }
      return keep(moveTo(run, protocol, run.step + 1, 0, now))
    }
    case 'prev': {
      if (!isLive(run) || !protocol) return refuse('No protocol is running.')
      if (perMember(run.step) && run.speaker > 0)
        return keep(moveTo(run, protocol, run.step, run.speaker - 1, now))
      if (run.step === 0) return refuse('This is the first step.')
      const step = run.step - 1
      return keep(moveTo(run, protocol, step, perMember(step) ? speakers.length - 1 : 0, now))
    }
    case 'stop':
      if (run.state === 'idle') return refuse('No protocol is running.')
      return keep(IDLE)
    case 'speakers': {
      const unique = [...new Set(input.userIds)]
      if (unique.length !== input.userIds.length)
        return refuse('Each person can appear once in the go-round.')
      // Whoever holds the floor keeps it when the order changes around them.
      const current = speakers[run.speaker]
      const at = current === undefined ? -1 : unique.indexOf(current)
      return keep({ ...run, speaker: at === -1 ? 0 : at }, unique)
    }
    case 'nextSpeaker': {
      if (!isLive(run) || !protocol) return refuse('No protocol is running.')
      if (speakers.length === 0) return refuse('Set the go-round order first.')
      if (perMember(run.step)) {
        if (run.speaker >= speakers.length - 1) return refuse('Everyone has had their turn in this step.')
        return keep(moveTo(run, protocol, run.step, run.speaker + 1, now))
      }
      return keep({ ...run, speaker: (run.speaker + 1) % speakers.length })
    }
    // Chosen before, during or after a round: the presenter is named on every screen at once.
    case 'presenter':
      return keep({ ...run, presenterId: input.userId })
  }
}

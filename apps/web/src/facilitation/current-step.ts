import type { RunState } from '@confer/model'
import type { Protocol, Step } from '../protocols/protocol-types.ts'

export interface CurrentStep {
  protocol: Protocol
  step: Step
  /** 1-based, for "Step 2 of 8". */
  number: number
  count: number
  /** For a step taken once per person: whose turn, 1-based, of how many. */
  turn: { number: number; count: number } | null
}

/** The step the run is on, when a protocol is live and known to this page. */
export function currentStep(
  run: RunState,
  protocol: Protocol | null,
  speakers: readonly string[],
): CurrentStep | null {
  if (!protocol || (run.state !== 'running' && run.state !== 'paused')) return null
  const step = protocol.steps[run.step]
  if (!step) return null
  const turn =
    step.perMember && speakers.length > 0 ? { number: run.speaker + 1, count: speakers.length } : null
  return { protocol, step, number: run.step + 1, count: protocol.steps.length, turn }
}

export function stepLabel(current: CurrentStep): string {
  const base = `Step ${current.number} of ${current.count}`
  return current.turn ? `${base} · turn ${current.turn.number} of ${current.turn.count}` : base
}

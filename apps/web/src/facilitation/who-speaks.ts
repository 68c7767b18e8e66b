import type { RunState } from '@confer/model'
import type { Step } from '../protocols/protocol-types.ts'

export interface WhoSpeaks {
  /** "Bea Turner", "The facilitator", "Participants". */
  now: string
  /** Who is next in the go-round, when a go-round decides it. */
  next: string | null
  /** True when `now` is a person from the go-round order. */
  fromGoRound: boolean
}

const ROLE_LABELS: Record<Step['speaker'], string> = {
  facilitator: 'The facilitator',
  presenter: 'The presenter',
  participants: 'Participants',
  everyone: 'Everyone',
  each: 'Each person in turn',
}

/**
 * Who holds the floor. Steps taken in turns (per member, or "each") name the person from the
 * go-round order; group steps with a go-round set name whoever's turn it is in it; the
 * presenter's steps name the presenter, once chosen; otherwise the step's role ("The facilitator").
 */
export function whoSpeaks(
  step: Step,
  run: RunState,
  speakers: readonly string[],
  nameOf: (userId: string, position: number) => string,
  presenter: string | null = null,
): WhoSpeaks {
  const inTurns = step.perMember || step.speaker === 'each'
  const group = step.speaker === 'participants' || step.speaker === 'everyone'
  const current = speakers[run.speaker]
  if (current !== undefined && (inTurns || group)) {
    // Turns end with the last person; a group's go-round starts over (as "Next speaker" does).
    const nextIndex = inTurns ? run.speaker + 1 : (run.speaker + 1) % speakers.length
    const next = nextIndex === run.speaker ? undefined : speakers[nextIndex]
    return {
      now: nameOf(current, run.speaker),
      next: next === undefined ? null : nameOf(next, nextIndex),
      fromGoRound: true,
    }
  }
  if (step.speaker === 'presenter' && presenter) return { now: presenter, next: null, fromGoRound: false }
  return { now: ROLE_LABELS[step.speaker], next: null, fromGoRound: false }
}

export const speakerRoleLabel = (speaker: Step['speaker']): string => ROLE_LABELS[speaker]

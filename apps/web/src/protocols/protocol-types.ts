/**
 * The protocol shapes of @confer/protocols (DESIGN §4), as the web app sees them in API answers.
 * Declared here because the web app does not depend on that package; keep them in step with
 * packages/protocols/src/protocol.ts.
 */
export const SPEAKERS = ['facilitator', 'presenter', 'participants', 'everyone', 'each'] as const
export type Speaker = (typeof SPEAKERS)[number]

/** The minutes DESIGN §4 allows for a library step; copies keep it. */
export interface MinutesRange {
  min: number
  max: number
}

export interface Step {
  title: string
  minutes: number
  /** Absent on a step a team wrote itself. */
  range?: MinutesRange
  speaker: Speaker
  /** The presenter listens without speaking. */
  presenterSilent: boolean
  /** The step runs once per person in the go-round order. */
  perMember: boolean
  prompt: string
}

export interface Protocol {
  id: string
  name: string
  purpose: string
  steps: Step[]
}

export type ProtocolBody = Omit<Protocol, 'id'>

/** The limits the server enforces (ProtocolSchema), for checking a form before sending it. */
export const LIMITS = {
  name: 120,
  purpose: 1000,
  stepTitle: 120,
  prompt: 1000,
  minMinutes: 1,
  maxMinutes: 120,
  maxSteps: 40,
} as const

export function totalMinutes(
  protocol: { steps: readonly Pick<Step, 'minutes' | 'perMember'>[] },
  people: number,
): number {
  return protocol.steps.reduce((sum, s) => sum + s.minutes * (s.perMember ? Math.max(people, 1) : 1), 0)
}

/** Why `minutes` does not fit the step, or null when it does. */
export function minutesError(minutes: string, range: MinutesRange | undefined): string | null {
  const n = Number(minutes)
  const whole = /^\d+$/.test(minutes.trim())
  if (range) {
    if (whole && n >= range.min && n <= range.max) return null
    return range.min === range.max
      ? `This step takes ${range.min} minutes in this protocol.`
      : `Use ${range.min} to ${range.max} minutes: the range this protocol allows for this step.`
  }
  if (whole && n >= LIMITS.minMinutes && n <= LIMITS.maxMinutes) return null
  return `Use whole minutes from ${LIMITS.minMinutes} to ${LIMITS.maxMinutes}.`
}

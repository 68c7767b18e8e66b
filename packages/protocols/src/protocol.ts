import { z } from 'zod'

/** Who holds the floor during a step. */
export const SPEAKERS = ['facilitator', 'presenter', 'participants', 'everyone', 'each'] as const
export type Speaker = (typeof SPEAKERS)[number]

export const MIN_STEP_MINUTES = 1
export const MAX_STEP_MINUTES = 120

const Minutes = z.number().int().min(MIN_STEP_MINUTES).max(MAX_STEP_MINUTES)

/** The minutes a step may take (DESIGN §4), kept with every copy a team makes of it. */
export const MinutesRangeSchema = z
  .strictObject({ min: Minutes, max: Minutes })
  .refine((range) => range.min <= range.max, { error: 'A range starts at or below where it ends.' })
export type MinutesRange = z.infer<typeof MinutesRangeSchema>

export const StepSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(120),
    minutes: Minutes,
    /** Absent for a step a team wrote itself: any minutes within the limits then. */
    range: MinutesRangeSchema.optional(),
    speaker: z.enum(SPEAKERS),
    /** The presenter listens without speaking (a clear cue on every screen). */
    presenterSilent: z.boolean(),
    /** The step runs once per person in the go-round order, each with its own `minutes`. */
    perMember: z.boolean(),
    prompt: z.string().trim().max(1000),
  })
  .refine((step) => !step.range || (step.minutes >= step.range.min && step.minutes <= step.range.max), {
    error: (issue) => {
      const step = issue.input as { title?: unknown; range?: MinutesRange }
      return `${String(step.title ?? 'A step')} takes ${rangeText(step.range)}.`
    },
    path: ['minutes'],
  })
export type Step = z.infer<typeof StepSchema>

/** "5 minutes", "5 to 10 minutes". */
export function rangeText(range: MinutesRange | undefined): string {
  if (!range) return `${MIN_STEP_MINUTES} to ${MAX_STEP_MINUTES} minutes`
  return range.min === range.max ? `${range.min} minutes` : `${range.min} to ${range.max} minutes`
}

export const ProtocolSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  name: z.string().trim().min(1).max(120),
  purpose: z.string().trim().max(1000),
  steps: z.array(StepSchema).min(1).max(40),
})
export type Protocol = z.infer<typeof ProtocolSchema>

/** What a team sends to save its own copy (the id is the server's to give). */
export const ProtocolBodySchema = ProtocolSchema.omit({ id: true })
export type ProtocolBody = z.infer<typeof ProtocolBodySchema>

export function totalMinutes(protocol: Protocol, people: number): number {
  return protocol.steps.reduce((sum, s) => sum + s.minutes * (s.perMember ? Math.max(people, 1) : 1), 0)
}

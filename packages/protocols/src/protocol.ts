import { z } from 'zod'

/** Who holds the floor during a step. */
export const SPEAKERS = ['facilitator', 'presenter', 'participants', 'everyone', 'each'] as const
export type Speaker = (typeof SPEAKERS)[number]

export const StepSchema = z.strictObject({
  title: z.string().trim().min(1).max(120),
  minutes: z.number().int().min(1).max(120),
  speaker: z.enum(SPEAKERS),
  /** The presenter listens without speaking (a clear cue on every screen). */
  presenterSilent: z.boolean(),
  /** The step runs once per person in the go-round order, each with its own `minutes`. */
  perMember: z.boolean(),
  prompt: z.string().trim().max(1000),
})
export type Step = z.infer<typeof StepSchema>

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

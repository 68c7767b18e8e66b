import { z } from 'zod'

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'That is not a valid id.')

export const StarterCharterBody = z.strictObject({ starterId: Id })

/** `version` is what the person read; if the norms changed since, the server says so (409). */
export const AffirmBody = z
  .strictObject({
    version: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .default({})

export const NormsCheckBody = z.strictObject({
  ratings: z
    .array(
      z.strictObject({
        normId: Id,
        rating: z.number().int().min(1, 'Rate each norm from 1 to 5.').max(5, 'Rate each norm from 1 to 5.'),
        comment: z.string().trim().max(1000).optional(),
      }),
    )
    .min(1, 'Rate at least one norm.')
    .max(50),
})

export interface CharterAffirmations {
  /** The current version of the norms (see SPEC N1 for what changes it). */
  version: string
  people: {
    userId: string
    name: string
    role: string
    affirmedAt: string | null
    /** Whether they agreed to `version`, as the document is this moment. */
    current: boolean
    /** The version they agreed to, or null: pages compare it with the settled wording (SPEC N3). */
    agreedVersion: string | null
  }[]
  /**
   * The caller's own agreement: the norm texts of the version they agreed to (N1-normalised,
   * sorted; null for an agreement recorded before texts were kept), to show what changed since.
   */
  mine: { version: string; norms: string[] | null; affirmedAt: string } | null
}

export interface NormsCheckSummary {
  norms: { normId: string; text: string; average: number | null; count: number; comments: string[] }[]
  /** How many people have submitted ratings. */
  respondents: number
  /** The caller's own ratings, to prefill the form. */
  mine: { normId: string; rating: number; comment: string | null }[]
}

export interface NormsTrend {
  norms: {
    normId: string
    text: string
    points: { meetingId: string; title: string; startsAt: string; average: number; count: number }[]
  }[]
}

export interface DocumentVersion {
  id: string
  createdAt: string
  reason: 'edits' | 'session-ended' | 'before-restore'
  editors: { userId: string; name: string }[]
  size: number
}

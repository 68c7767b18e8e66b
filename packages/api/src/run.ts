import { z } from 'zod'

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'That is not a valid id.')

/** Facilitator actions on a meeting's protocol round (DESIGN §3 POST /api/meetings/:id/run). */
export const RunActionBody = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('start'), protocolId: Id }),
    z.strictObject({ action: z.literal('pause') }),
    z.strictObject({ action: z.literal('resume') }),
    z.strictObject({ action: z.literal('next') }),
    z.strictObject({ action: z.literal('prev') }),
    z.strictObject({
      action: z.literal('extend'),
      seconds: z
        .number()
        .int()
        .min(1, 'Extend by at least a second.')
        .max(3600, 'Extend by at most an hour.'),
    }),
    z.strictObject({ action: z.literal('stop') }),
    z.strictObject({ action: z.literal('speakers'), userIds: z.array(Id).max(60) }),
    z.strictObject({ action: z.literal('nextSpeaker') }),
  ],
  { error: 'action must be one of start, pause, resume, next, prev, extend, stop, speakers, nextSpeaker.' },
)
export type RunActionBody = z.infer<typeof RunActionBody>

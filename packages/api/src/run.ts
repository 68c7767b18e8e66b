import { z } from 'zod'

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'That is not a valid id.')

/** Facilitator actions on a meeting's protocol round (DESIGN §3 POST /api/meetings/:id/run). */
export const RunActionBody = z.discriminatedUnion(
  'action',
  [
    z.strictObject({
      action: z.literal('start'),
      protocolId: Id,
      /**
       * Who presents. Left out: the presenter chosen before the round, else the owner of the
       * first open agenda item that plans this protocol.
       */
      presenterId: Id.nullable().optional(),
    }),
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
    /** Names (or, with null, clears) the presenter: a member of the community or a meeting guest. */
    z.strictObject({ action: z.literal('presenter'), userId: Id.nullable() }),
  ],
  {
    error:
      'action must be one of start, pause, resume, next, prev, extend, stop, speakers, nextSpeaker, presenter.',
  },
)
export type RunActionBody = z.infer<typeof RunActionBody>

/** Someone in a go-round, by name: the run document holds only user ids. */
export interface RunPerson {
  userId: string
  name: string
}

/**
 * GET /api/meetings/:id/run/context: what the run document only names by id — the protocol
 * being run (built-in or the community's own), the people in the go-round and the presenter —
 * for everyone in the meeting, network guests included (they cannot read the community itself). `protocol` is
 * null while the round is idle (never started, or stopped). Generic in the protocol's shape because this package does
 * not depend on @confer/protocols: the server fills in its `Protocol`, the web app its copy.
 */
export interface RunContextResponse<TProtocol> {
  protocol: TProtocol | null
  /** In go-round order; people who have left the community or the meeting's network are left out. */
  people: RunPerson[]
  /** Who presents in this round, by name; null when nobody was chosen or they have left since. */
  presenter: RunPerson | null
}

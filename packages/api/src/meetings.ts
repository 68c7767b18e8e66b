import { z } from 'zod'
import { RoleSchema } from './roles.ts'

export const CreateMeetingBody = z.strictObject({
  title: z.string().trim().min(1, 'Give the meeting a title.').max(200),
  startsAt: z.iso.datetime({ offset: true, message: 'startsAt must be an ISO date-time.' }),
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(8 * 60),
})

/** Opens a meeting to the other communities of its networks (guests), or closes it (null). */
export const NetworkAccessBody = z.strictObject({
  guestRole: z.union([RoleSchema.exclude(['facilitator']), z.null()]),
})

export interface Meeting {
  id: string
  communityId: string
  title: string
  startsAt: string
  durationMinutes: number
  /** Role given to members of the community's networks, or null when the meeting is closed to them. */
  networkGuestRole: 'member' | 'observer' | null
  createdAt: string
}

export interface MeetingView {
  meeting: Meeting
  /** The caller's role in this meeting (guests get the role the facilitator chose). */
  role: 'facilitator' | 'member' | 'observer'
  guest: boolean
  communityName: string
}

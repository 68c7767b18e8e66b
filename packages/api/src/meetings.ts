import { z } from 'zod'
import { nameSchema } from './names.ts'
import { RoleSchema } from './roles.ts'

const TitleSchema = nameSchema('title', { empty: 'Give the meeting a title.', max: 200 })
const StartsAtSchema = z.iso.datetime({ offset: true, message: 'startsAt must be an ISO date-time.' })
const DurationSchema = z
  .number()
  .int()
  .min(5)
  .max(8 * 60)
const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'That is not a valid id.')

export const CreateMeetingBody = z.strictObject({
  title: TitleSchema,
  startsAt: StartsAtSchema,
  durationMinutes: DurationSchema,
  /** A built-in or community template to start the agenda from; a single "Notes" item otherwise. */
  templateId: IdSchema.optional(),
})

/** A weekly series: the browser computes each start in the team's own time zone. */
export const CreateSeriesBody = z.strictObject({
  title: TitleSchema,
  startsAt: z.array(StartsAtSchema).min(1).max(26, 'Schedule at most 26 meetings at once.'),
  durationMinutes: DurationSchema,
  templateId: IdSchema.optional(),
})

export const SaveTemplateBody = z.strictObject({
  name: nameSchema('template name', { empty: 'Give the template a name.', max: 120 }),
  /** The meeting whose agenda (titles, minutes, protocols) becomes the template. */
  meetingId: IdSchema,
})

export interface TemplateItem {
  title: string
  minutes?: number
  protocolId?: string | null
}

export interface AgendaTemplateView {
  id: string
  name: string
  description: string
  builtIn: boolean
  items: TemplateItem[]
}

export interface OpenAction {
  actionId: string
  text: string
  ownerId: string | null
  ownerName: string | null
  due: string | null
  meetingId: string
  meetingTitle: string
  meetingStartsAt: string
  fromMeetingId: string | null
}

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

export const AttendanceBody = z.strictObject({
  userId: IdSchema,
  present: z.boolean(),
})

export interface AttendanceEntry {
  userId: string
  name: string
  role: 'facilitator' | 'member' | 'observer'
  /** null: not seen in the meeting and not marked either way. */
  present: boolean | null
  source: 'presence' | 'manual' | null
}

export type UpcomingMeeting = Meeting & { communityName: string }

/** GET /api/me/overview: the signed-in home screen. */
export interface Overview {
  upcomingMeetings: UpcomingMeeting[]
  networks: { id: string; name: string }[]
}

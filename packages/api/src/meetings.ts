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

/**
 * PATCH /api/meetings/:id: rename, reschedule, cancel or un-cancel; the fields given change, with
 * the limits of scheduling. A start can no longer move once the meeting has started (409
 * `meeting_started`); its title, length and cancellation still can. `sharesPlan` only on a
 * meeting open to a network (400 otherwise).
 */
export const UpdateMeetingBody = z
  .strictObject({
    title: TitleSchema.optional(),
    startsAt: StartsAtSchema.optional(),
    durationMinutes: DurationSchema.optional(),
    cancelled: z.boolean().optional(),
    /** Show the community's plan, read-only, to the guests of a meeting open to a network (SPEC G5). */
    sharesPlan: z.boolean({ message: 'sharesPlan must be true or false.' }).optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'Say what to change: title, startsAt, durationMinutes, cancelled or sharesPlan.',
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
  /** The part of the plan the item works on (SPEC PL4). */
  planLink?: 'goals' | 'cycle' | 'evidence' | null
}

export interface AgendaTemplateView {
  id: string
  name: string
  description: string
  builtIn: boolean
  /** The improvement-cycle stage a built-in template is for (SPEC PL4). */
  stage?: 'assess' | 'plan' | 'learn' | 'act' | 'evidence' | 'reflect'
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

/**
 * GET /api/me/actions: an open action item I own, as it stands in the latest meeting holding it
 * (DESIGN §3 lists the first six fields; the names and start say where to find it).
 */
export interface MyAction {
  communityId: string
  meetingId: string
  actionId: string
  text: string
  due: string | null
  done: boolean
  communityName: string
  meetingTitle: string
  meetingStartsAt: string
}

/**
 * PATCH /api/meetings/:id/actions/:actionId: tick an item done, or open again, from outside the
 * meeting (the home page). Written into the meeting's document; every copy follows (SPEC T1).
 */
export const UpdateActionBody = z.strictObject({
  done: z.boolean({ message: 'done must be true or false.' }),
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
  /** When a facilitator cancelled it (epoch ms), or null: a cancelled meeting stays listed. */
  cancelledAt: number | null
  /** Its guests read the community's plan while it is open to a network (SPEC G5–G6). */
  sharesPlan: boolean
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
  /** A network guest (a member of another community of the network) who took part (SPEC G3). */
  guest?: boolean
}

export type UpcomingMeeting = Meeting & { communityName: string }

/** GET /api/me/overview: the signed-in home screen. */
export interface Overview {
  upcomingMeetings: UpcomingMeeting[]
  networks: { id: string; name: string }[]
}

import type {
  AcceptedInvite,
  ActiveInvite,
  AgendaTemplateView,
  AttendanceEntry,
  CalendarKeyCreated,
  CalendarKeyStatus,
  Community,
  Invite,
  InvitePreview,
  LoginBody,
  LogoutEverywhereResponse,
  Me,
  Meeting,
  MeetingView,
  MyAction,
  Network,
  NetworkInvite,
  OpenAction,
  Overview,
  Role,
  SignupBody,
  User,
} from '@confer/api'
import { apiRequest, apiText } from './client.ts'

/**
 * Every REST route the web app uses, typed with the contract in @confer/api. Ids go through
 * encodeURIComponent so nothing typed into an address can reach another route.
 */

const id = encodeURIComponent
type Signal = AbortSignal | undefined

export type { ActiveInvite, MyAction, NetworkInvite, Overview, UpcomingMeeting } from '@confer/api'

export type GuestRole = MeetingView['meeting']['networkGuestRole']

// Accounts
export const signup = (body: SignupBody) =>
  apiRequest<{ user: User }>('POST', '/api/auth/signup', { body, allowUnauthenticated: true })
export const login = (body: LoginBody) =>
  apiRequest<{ user: User }>('POST', '/api/auth/login', { body, allowUnauthenticated: true })
export const logout = () => apiRequest<null>('POST', '/api/auth/logout', { allowUnauthenticated: true })
export const logoutEverywhere = () =>
  apiRequest<LogoutEverywhereResponse>('POST', '/api/auth/logout-everywhere')
export const getMe = (signal?: Signal) =>
  apiRequest<Me>('GET', '/api/me', { signal, allowUnauthenticated: true })
export const getOverview = (signal?: Signal) => apiRequest<Overview>('GET', '/api/me/overview', { signal })

// Communities and members
export const createCommunity = (body: { name: string; focus?: string }) =>
  apiRequest<{ community: Community }>('POST', '/api/communities', { body })
export const getCommunity = (communityId: string, signal?: Signal) =>
  apiRequest<{ community: Community }>('GET', `/api/communities/${id(communityId)}`, { signal })
export const updateCommunity = (communityId: string, body: { name?: string; focus?: string }) =>
  apiRequest<{ community: Community }>('PATCH', `/api/communities/${id(communityId)}`, { body })
export const changeMemberRole = (communityId: string, userId: string, role: Role) =>
  apiRequest<{ community: Community }>('PATCH', `/api/communities/${id(communityId)}/members/${id(userId)}`, {
    body: { role },
  })
export const removeMember = (communityId: string, userId: string) =>
  apiRequest<null>('DELETE', `/api/communities/${id(communityId)}/members/${id(userId)}`)

// Invitations to a community
export const createInvite = (communityId: string, body: { role: Role; expiresInHours?: number }) =>
  apiRequest<Invite>('POST', `/api/communities/${id(communityId)}/invites`, { body })
export const listInvites = (communityId: string, signal?: Signal) =>
  apiRequest<{ invites: ActiveInvite[] }>('GET', `/api/communities/${id(communityId)}/invites`, { signal })
export const revokeInvite = (communityId: string, inviteId: string) =>
  apiRequest<null>('DELETE', `/api/communities/${id(communityId)}/invites/${id(inviteId)}`)
export const previewInvite = (code: string, signal?: Signal) =>
  apiRequest<{ invite: InvitePreview }>('GET', `/api/invites/${id(code)}`, {
    signal,
    allowUnauthenticated: true,
  })
export const acceptInvite = (code: string) =>
  apiRequest<AcceptedInvite>('POST', `/api/invites/${id(code)}/accept`)

// Meetings
export interface NewMeeting {
  title: string
  startsAt: string
  durationMinutes: number
  templateId?: string
}
export interface NewSeries {
  title: string
  /** One start per meeting, computed in the browser's time zone (weekly). */
  startsAt: string[]
  durationMinutes: number
  templateId?: string
}
export const createMeeting = (communityId: string, body: NewMeeting) =>
  apiRequest<{ meeting: Meeting }>('POST', `/api/communities/${id(communityId)}/meetings`, { body })
export const createSeries = (communityId: string, body: NewSeries) =>
  apiRequest<{ meetings: Meeting[] }>('POST', `/api/communities/${id(communityId)}/meetings/series`, {
    body,
  })
export const listMeetings = (communityId: string, signal?: Signal) =>
  apiRequest<{ meetings: Meeting[] }>('GET', `/api/communities/${id(communityId)}/meetings`, { signal })
export const getMeeting = (meetingId: string, signal?: Signal) =>
  apiRequest<MeetingView>('GET', `/api/meetings/${id(meetingId)}`, { signal })
/** Rename, reschedule, cancel or un-cancel (facilitators); only the fields given change. */
export interface MeetingChanges {
  title?: string
  startsAt?: string
  durationMinutes?: number
  cancelled?: boolean
  /** Show the plan to the guests of a meeting open to the network (SPEC G5). */
  sharesPlan?: boolean
}
export const updateMeeting = (meetingId: string, body: MeetingChanges) =>
  apiRequest<{ meeting: Meeting }>('PATCH', `/api/meetings/${id(meetingId)}`, { body })
export const setNetworkAccess = (meetingId: string, guestRole: GuestRole) =>
  apiRequest<MeetingView>('PUT', `/api/meetings/${id(meetingId)}/network-access`, { body: { guestRole } })
export const getAttendance = (meetingId: string, signal?: Signal) =>
  apiRequest<{ attendance: AttendanceEntry[] }>('GET', `/api/meetings/${id(meetingId)}/attendance`, {
    signal,
  })
export const setAttendance = (meetingId: string, body: { userId: string; present: boolean }) =>
  apiRequest<{ attendance: AttendanceEntry[] }>('PUT', `/api/meetings/${id(meetingId)}/attendance`, { body })
/** The meeting as Markdown (agenda, notes, action items), as the server writes it. */
export const getSummaryMarkdown = (meetingId: string, signal?: Signal) =>
  apiText(`/api/meetings/${id(meetingId)}/summary.md`, { signal })

// Exports (SPEC X1–X7): downloads the browser fetches itself (links), and the calendar feed's key
export const exportPaths = {
  summaryHtml: (meetingId: string) => `/api/meetings/${id(meetingId)}/summary.html`,
  meetingCalendar: (meetingId: string) => `/api/meetings/${id(meetingId)}/calendar.ics`,
  actionsCsv: (communityId: string) => `/api/communities/${id(communityId)}/actions.csv`,
  archive: (communityId: string) => `/api/communities/${id(communityId)}/export.zip`,
}
export const getCalendarKey = (communityId: string, signal?: Signal) =>
  apiRequest<CalendarKeyStatus>('GET', `/api/communities/${id(communityId)}/calendar-key`, { signal })
export const createCalendarKey = (communityId: string) =>
  apiRequest<CalendarKeyCreated>('POST', `/api/communities/${id(communityId)}/calendar-key`)

// Agenda templates and action items of a community
export const listTemplates = (communityId: string, signal?: Signal) =>
  apiRequest<{ templates: AgendaTemplateView[] }>('GET', `/api/communities/${id(communityId)}/templates`, {
    signal,
  })
export const saveTemplate = (communityId: string, body: { name: string; meetingId: string }) =>
  apiRequest<{ template: AgendaTemplateView }>('POST', `/api/communities/${id(communityId)}/templates`, {
    body,
  })
export const deleteTemplate = (communityId: string, templateId: string) =>
  apiRequest<null>('DELETE', `/api/communities/${id(communityId)}/templates/${id(templateId)}`)
export const listOpenActions = (communityId: string, signal?: Signal) =>
  apiRequest<{ actions: OpenAction[] }>('GET', `/api/communities/${id(communityId)}/actions`, { signal })
/** The open action items I own across my communities (the home page). */
export const listMyActions = (signal?: Signal) =>
  apiRequest<{ actions: MyAction[] }>('GET', '/api/me/actions', { signal })
/** Ticks an item done (or open again) in its meeting; every copy of it follows. */
export const setActionDone = (meetingId: string, actionId: string, done: boolean) =>
  apiRequest<{ action: MyAction }>('PATCH', `/api/meetings/${id(meetingId)}/actions/${id(actionId)}`, {
    body: { done },
  })

// Networks
export const createNetwork = (body: { name: string; purpose?: string; communityId: string }) =>
  apiRequest<{ network: Network }>('POST', '/api/networks', { body })
export const getNetwork = (networkId: string, signal?: Signal) =>
  apiRequest<{ network: Network }>('GET', `/api/networks/${id(networkId)}`, { signal })
export const createNetworkInvite = (networkId: string) =>
  apiRequest<NetworkInvite>('POST', `/api/networks/${id(networkId)}/invites`)
export const acceptNetworkInvite = (code: string, communityId: string) =>
  apiRequest<{ network: Network }>('POST', `/api/network-invites/${id(code)}/accept`, {
    body: { communityId },
  })

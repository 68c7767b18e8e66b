import type { AttendanceEntry, Meeting, MeetingView, OpenAction, Role, TemplateItem } from '@confer/api'
import {
  type ActionItem,
  appendAgendaItems,
  carryOverActions,
  meetingDocumentName,
  newId,
  openActions,
} from '@confer/model'
import type { CommunityStore } from '../stores/community-store.ts'
import type { MeetingRecord, MeetingStore } from '../stores/meeting-store.ts'
import type { CommunityService } from './community-service.ts'
import type { DocumentEditor } from './document-editor.ts'
import type { DomainEvents } from './domain-events.ts'
import { notFound } from './service-error.ts'
import { meetingSummary } from './summary/meeting-summary.ts'

export interface MeetingAccess {
  meeting: MeetingRecord
  role: Role
  /** A member of another community of the network, let in by the meeting's facilitator. */
  guest: boolean
}

const toMeeting = (m: MeetingRecord): Meeting => ({
  id: m.id,
  communityId: m.communityId,
  title: m.title,
  startsAt: new Date(m.startsAt).toISOString(),
  durationMinutes: m.durationMinutes,
  networkGuestRole: m.networkGuestRole,
  createdAt: new Date(m.createdAt).toISOString(),
})

/** Meetings of a community, and who may take part in each. */
export class MeetingService {
  readonly #meetings: MeetingStore
  readonly #communityStore: CommunityStore
  readonly #communities: CommunityService
  readonly #events: DomainEvents
  readonly #editor: DocumentEditor
  readonly #now: () => number

  constructor(
    meetings: MeetingStore,
    communityStore: CommunityStore,
    communities: CommunityService,
    events: DomainEvents,
    editor: DocumentEditor,
    now: () => number = Date.now,
  ) {
    this.#meetings = meetings
    this.#communityStore = communityStore
    this.#communities = communities
    this.#events = events
    this.#editor = editor
    this.#now = now
  }

  /**
   * Schedules meetings (one, or a weekly series sharing a series id). Each starts with the
   * template's agenda (or one "Notes" item) and the open action items of the meeting before it,
   * written into its document here on the server before anyone can open it.
   */
  async create(
    communityId: string,
    userId: string,
    input: { title: string; startsAt: string[]; durationMinutes: number },
    agenda: TemplateItem[],
  ): Promise<Meeting[]> {
    await this.#communities.requireRole(communityId, userId, 'facilitator')
    const seriesId = input.startsAt.length > 1 ? newId() : null
    const starts = input.startsAt.map((iso) => Date.parse(iso)).sort((a, b) => a - b)
    const created: Meeting[] = []
    for (const startsAt of starts) {
      const meeting: MeetingRecord = {
        id: newId(),
        communityId,
        title: input.title,
        startsAt,
        durationMinutes: input.durationMinutes,
        networkGuestRole: null,
        createdAt: this.#now(),
        seriesId,
      }
      await this.#prepareDocument(meeting, agenda)
      await this.#meetings.insertMeeting(meeting)
      created.push(toMeeting(meeting))
    }
    return created
  }

  async #prepareDocument(meeting: MeetingRecord, agenda: TemplateItem[]): Promise<void> {
    const previous = await this.#meetings.previousMeeting(meeting.communityId, meeting.startsAt, meeting.id)
    const open = previous ? await this.#editor.read(meetingDocumentName(previous.id), openActions) : []
    await this.#editor.edit(meetingDocumentName(meeting.id), (doc) => {
      appendAgendaItems(doc, agenda.length > 0 ? agenda : [{ title: 'Notes', minutes: 0 }])
      if (previous) carryOverActions(open, previous.id, doc)
    })
  }

  /** Re-extracts a meeting's action items into the index (run when its document is stored). */
  async indexActions(meetingId: string, actions: readonly ActionItem[]): Promise<void> {
    const meeting = await this.#meetings.meetingById(meetingId)
    if (!meeting) return
    await this.#meetings.replaceActions(
      meetingId,
      meeting.communityId,
      actions.map((a) => ({
        actionId: a.id,
        text: a.text,
        ownerId: a.ownerId,
        due: a.due,
        done: a.done,
        fromMeetingId: a.fromMeetingId,
      })),
    )
    this.#events.emit('actionsIndexed', { meetingId })
  }

  /** Open action items across the community's meetings, each once, for the community page. */
  async openActions(communityId: string, userId: string): Promise<OpenAction[]> {
    await this.#communities.requireRole(communityId, userId, 'observer')
    const names = new Map((await this.#communityStore.members(communityId)).map((m) => [m.userId, m.name]))
    return (await this.#meetings.openActions(communityId)).map((a) => ({
      actionId: a.actionId,
      text: a.text,
      ownerId: a.ownerId,
      ownerName: a.ownerId ? (names.get(a.ownerId) ?? null) : null,
      due: a.due,
      meetingId: a.meetingId,
      meetingTitle: a.meetingTitle,
      meetingStartsAt: new Date(a.meetingStartsAt).toISOString(),
      fromMeetingId: a.fromMeetingId,
    }))
  }

  async list(communityId: string, userId: string): Promise<Meeting[]> {
    await this.#communities.requireRole(communityId, userId, 'observer')
    return (await this.#meetings.meetingsOf(communityId)).map(toMeeting)
  }

  async upcoming(userId: string): Promise<(Meeting & { communityName: string })[]> {
    const rows = await this.#meetings.upcomingFor(userId, this.#now(), 20)
    return rows.map((m) => ({ ...toMeeting(m), communityName: m.communityName }))
  }

  /** Who the user is in this meeting, or null: unknown and forbidden look the same. */
  async access(meetingId: string, userId: string): Promise<MeetingAccess | null> {
    const meeting = await this.#meetings.meetingById(meetingId)
    if (!meeting) return null
    const membership = await this.#communityStore.membership(meeting.communityId, userId)
    if (membership) return { meeting, role: membership.role, guest: false }
    if (
      meeting.networkGuestRole &&
      (await this.#communityStore.sharesNetworkWith(meeting.communityId, userId))
    ) {
      return { meeting, role: meeting.networkGuestRole, guest: true }
    }
    return null
  }

  async view(meetingId: string, userId: string): Promise<MeetingView> {
    const access = await this.access(meetingId, userId)
    if (!access) throw notFound('That meeting')
    const community = await this.#communityStore.communityById(access.meeting.communityId)
    return {
      meeting: toMeeting(access.meeting),
      role: access.role,
      guest: access.guest,
      communityName: community?.name ?? '',
    }
  }

  /** Someone opened the meeting: they attended (unless a facilitator corrected it). */
  async recordPresence(meetingId: string, userId: string): Promise<void> {
    await this.#meetings.recordPresence(meetingId, userId, this.#now())
    this.#events.emit('attendanceChanged', { meetingId })
  }

  /** The community's members with who attended, from presence and manual corrections. */
  async attendance(meetingId: string, userId: string): Promise<AttendanceEntry[]> {
    const access = await this.access(meetingId, userId)
    if (!access || access.guest) throw notFound('That meeting')
    const marks = new Map((await this.#meetings.attendance(meetingId)).map((a) => [a.userId, a]))
    return (await this.#communityStore.members(access.meeting.communityId)).map((m) => ({
      userId: m.userId,
      name: m.name,
      role: m.role,
      present: marks.get(m.userId)?.present ?? null,
      source: marks.get(m.userId)?.source ?? null,
    }))
  }

  async correctAttendance(
    meetingId: string,
    userId: string,
    targetId: string,
    present: boolean,
  ): Promise<AttendanceEntry[]> {
    const access = await this.access(meetingId, userId)
    if (!access || access.guest) throw notFound('That meeting')
    await this.#communities.requireRole(access.meeting.communityId, userId, 'facilitator')
    if (!(await this.#communityStore.membership(access.meeting.communityId, targetId)))
      throw notFound('That member')
    await this.#meetings.setAttendance(meetingId, targetId, present, this.#now())
    this.#events.emit('attendanceChanged', { meetingId })
    return this.attendance(meetingId, userId)
  }

  /** The meeting as Markdown, for anyone who may see it (members, observers, guests). */
  async summary(meetingId: string, userId: string): Promise<{ title: string; markdown: string }> {
    const access = await this.access(meetingId, userId)
    if (!access) throw notFound('That meeting')
    const { meeting } = access
    const community = await this.#communityStore.communityById(meeting.communityId)
    const names = new Map(
      (await this.#communityStore.members(meeting.communityId)).map((m) => [m.userId, m.name]),
    )
    const markdown = await this.#editor.read(meetingDocumentName(meetingId), (doc) =>
      meetingSummary(doc, {
        title: meeting.title,
        communityName: community?.name ?? '',
        startsAt: meeting.startsAt,
        durationMinutes: meeting.durationMinutes,
        names,
      }),
    )
    return { title: meeting.title, markdown }
  }

  /** Opens the meeting to the community's networks with a guest role, or closes it (null). */
  async setNetworkAccess(
    meetingId: string,
    userId: string,
    guestRole: 'member' | 'observer' | null,
  ): Promise<MeetingView> {
    const access = await this.access(meetingId, userId)
    if (!access || access.guest) throw notFound('That meeting')
    await this.#communities.requireRole(access.meeting.communityId, userId, 'facilitator')
    await this.#meetings.setNetworkGuestRole(meetingId, guestRole)
    this.#events.emit('meetingAccessChanged', { meetingId })
    return this.view(meetingId, userId)
  }
}

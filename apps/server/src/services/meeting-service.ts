import type { AttendanceEntry, Meeting, MeetingView, OpenAction, Role, TemplateItem } from '@confer/api'
import {
  type ActionItem,
  type ActionStamps,
  appendAgendaItems,
  carryOverActions,
  meetingDocumentName,
  newId,
  readActionCopies,
} from '@confer/model'
import type { CommunityStore } from '../stores/community-store.ts'
import type { MeetingChanges, MeetingRecord, MeetingStore } from '../stores/meeting-store.ts'
import type { CommunityService } from './community-service.ts'
import type { DocumentEditor } from './document-editor.ts'
import type { DomainEvents } from './domain-events.ts'
import { notFound, ServiceError } from './service-error.ts'

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
  cancelledAt: m.cancelledAt,
  sharesPlan: m.sharesPlan,
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
        cancelledAt: null,
        sharesPlan: false,
      }
      const carried = await this.#prepareDocument(meeting, agenda)
      await this.#meetings.insertMeeting(meeting)
      // Indexed at once: the carried copies are where later changes to those items must reach.
      if (carried.length > 0) await this.indexActions(meeting.id, carried)
      created.push(toMeeting(meeting))
      this.#events.emit('meetingChanged', { communityId, meetingId: meeting.id })
    }
    return created
  }

  /**
   * Renames, reschedules, cancels or un-cancels a meeting (facilitators; SPEC M1). A meeting that
   * has started keeps its start: its notes, attendance and carried-over items belong to that
   * time; its title, length and cancellation may still change (running long, a record corrected).
   * Moving a meeting that has not started into the past is allowed (the web app warns).
   */
  async update(
    meetingId: string,
    userId: string,
    input: {
      title?: string
      startsAt?: string
      durationMinutes?: number
      cancelled?: boolean
      sharesPlan?: boolean
    },
  ): Promise<Meeting> {
    const access = await this.access(meetingId, userId)
    if (!access || access.guest) throw notFound('That meeting')
    await this.#communities.requireRole(access.meeting.communityId, userId, 'facilitator')
    const { meeting } = access
    const changes: MeetingChanges = {}
    if (input.title !== undefined) changes.title = input.title
    if (input.durationMinutes !== undefined) changes.durationMinutes = input.durationMinutes
    const startsAt = input.startsAt === undefined ? meeting.startsAt : Date.parse(input.startsAt)
    if (startsAt !== meeting.startsAt) {
      if (meeting.startsAt <= this.#now()) {
        throw new ServiceError(
          409,
          'meeting_started',
          'This meeting has already started, so its start can no longer move. Schedule a new meeting instead.',
        )
      }
      changes.startsAt = startsAt
    }
    // Cancelling again keeps the first cancellation's time.
    if (input.cancelled === true && meeting.cancelledAt === null) changes.cancelledAt = this.#now()
    if (input.cancelled === false) changes.cancelledAt = null
    if (input.sharesPlan !== undefined) {
      if (input.sharesPlan && meeting.networkGuestRole === null) {
        throw new ServiceError(
          400,
          'invalid_request',
          'Only a meeting open to network guests can show them the plan: open it to the network first.',
        )
      }
      changes.sharesPlan = input.sharesPlan
    }
    const updated = await this.#meetings.updateMeeting(meetingId, changes)
    if (!updated) throw notFound('That meeting')
    this.#events.emit('meetingChanged', { communityId: updated.communityId, meetingId })
    // Guests read the plan only through a meeting that shares it and is on (SPEC G6–G7).
    if (changes.sharesPlan !== undefined || changes.cancelledAt !== undefined) {
      this.#events.emit('meetingAccessChanged', { meetingId })
    }
    return toMeeting(updated)
  }

  /** Seeds the new meeting's document; returns the action items carried into it. */
  async #prepareDocument(meeting: MeetingRecord, agenda: TemplateItem[]): Promise<ActionItem[]> {
    const previous = await this.#meetings.previousMeeting(meeting.communityId, meeting.startsAt, meeting.id)
    // With their stamps: a copy must not win a tie over the item it copies (SPEC T1).
    const open = previous
      ? await this.#editor.read(meetingDocumentName(previous.id), (doc) =>
          readActionCopies(doc).filter((a) => !a.done),
        )
      : []
    let carried: ActionItem[] = []
    await this.#editor.edit(meetingDocumentName(meeting.id), (doc) => {
      appendAgendaItems(doc, agenda.length > 0 ? agenda : [{ title: 'Notes', minutes: 0 }])
      if (previous) carryOverActions(open, previous.id, doc)
      carried = readActionCopies(doc)
    })
    return carried
  }

  /** Re-extracts a meeting's action items into the index (ActionService, after each change). */
  async indexActions(
    meetingId: string,
    actions: readonly (ActionItem & { changedAt?: ActionStamps })[],
  ): Promise<void> {
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
        // When it was ticked: progress counts items done per week by it (SPEC PR2).
        doneAt: a.done && a.changedAt?.done ? a.changedAt.done : null,
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

  /**
   * Whether a network guest may read the community's plan: a meeting of it that is open to the
   * network and not cancelled shares it, and they share a network with the community (SPEC G6).
   */
  async guestReadsPlan(communityId: string, userId: string): Promise<boolean> {
    const meetings = await this.#meetings.meetingsOf(communityId)
    const shared = meetings.some((m) => m.sharesPlan && m.networkGuestRole !== null && m.cancelledAt === null)
    return shared && (await this.#communityStore.sharesNetworkWith(communityId, userId))
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

  /** Someone opened the meeting: they attended (unless a facilitator corrected it), guests too (SPEC G3). */
  async recordPresence(meetingId: string, userId: string): Promise<void> {
    await this.#meetings.recordPresence(meetingId, userId, this.#now())
    this.#events.emit('attendanceChanged', { meetingId })
  }

  /**
   * The community's members with who attended, from presence and manual corrections; then the
   * network guests who were there (SPEC G3), named while they still belong to the network.
   */
  async attendance(meetingId: string, userId: string): Promise<AttendanceEntry[]> {
    const access = await this.access(meetingId, userId)
    if (!access || access.guest) throw notFound('That meeting')
    const { meeting } = access
    const marks = new Map((await this.#meetings.attendance(meetingId)).map((a) => [a.userId, a]))
    const members = await this.#communityStore.members(meeting.communityId)
    const entries: AttendanceEntry[] = members.map((m) => ({
      userId: m.userId,
      name: m.name,
      role: m.role,
      present: marks.get(m.userId)?.present ?? null,
      source: marks.get(m.userId)?.source ?? null,
    }))
    for (const m of members) marks.delete(m.userId)
    if (marks.size === 0) return entries
    const names = await this.#networkNames(meeting.communityId, new Set(marks.keys()))
    for (const mark of marks.values()) {
      const name = names.get(mark.userId)
      if (name === undefined) continue
      const role = meeting.networkGuestRole ?? 'observer'
      entries.push({
        userId: mark.userId,
        name,
        role,
        present: mark.present,
        source: mark.source,
        guest: true,
      })
    }
    return entries
  }

  /** Names of `wanted` people found in the other communities of the community's networks. */
  async #networkNames(communityId: string, wanted: Set<string>): Promise<Map<string, string>> {
    const names = new Map<string, string>()
    for (const network of await this.#communityStore.networksOfCommunity(communityId)) {
      for (const community of await this.#communityStore.networkCommunities(network.id)) {
        if (community.id === communityId) continue
        for (const m of await this.#communityStore.members(community.id)) {
          if (wanted.delete(m.userId)) names.set(m.userId, m.name)
        }
        if (wanted.size === 0) return names
      }
    }
    return names
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
    // A guest who may open the meeting can be marked too (SPEC G3).
    if (!(await this.access(meetingId, targetId))) throw notFound('That member')
    await this.#meetings.setAttendance(meetingId, targetId, present, this.#now())
    this.#events.emit('attendanceChanged', { meetingId })
    return this.attendance(meetingId, userId)
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
    // Opening it again later does not show the plan by itself (SPEC G5).
    if (guestRole === null && access.meeting.sharesPlan) {
      await this.#meetings.updateMeeting(meetingId, { sharesPlan: false })
    }
    this.#events.emit('meetingAccessChanged', { meetingId })
    return this.view(meetingId, userId)
  }
}

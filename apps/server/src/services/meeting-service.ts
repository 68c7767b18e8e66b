import type { Meeting, MeetingView, Role } from '@confer/api'
import { newId } from '@confer/model'
import type { CommunityStore } from '../stores/community-store.ts'
import type { MeetingRecord, MeetingStore } from '../stores/meeting-store.ts'
import type { AccessEvents } from './access-events.ts'
import type { CommunityService } from './community-service.ts'
import { notFound } from './service-error.ts'

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
  readonly #events: AccessEvents
  readonly #now: () => number

  constructor(
    meetings: MeetingStore,
    communityStore: CommunityStore,
    communities: CommunityService,
    events: AccessEvents,
    now: () => number = Date.now,
  ) {
    this.#meetings = meetings
    this.#communityStore = communityStore
    this.#communities = communities
    this.#events = events
    this.#now = now
  }

  async create(
    communityId: string,
    userId: string,
    input: { title: string; startsAt: string; durationMinutes: number },
  ): Promise<Meeting> {
    await this.#communities.requireRole(communityId, userId, 'facilitator')
    const meeting: MeetingRecord = {
      id: newId(),
      communityId,
      title: input.title,
      startsAt: Date.parse(input.startsAt),
      durationMinutes: input.durationMinutes,
      networkGuestRole: null,
      createdAt: this.#now(),
    }
    await this.#meetings.insertMeeting(meeting)
    return toMeeting(meeting)
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

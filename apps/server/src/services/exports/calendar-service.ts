import { timingSafeEqual } from 'node:crypto'
import type { CalendarKeyStore } from '../../stores/calendar-key-store.ts'
import type { CommunityStore } from '../../stores/community-store.ts'
import type { MeetingStore } from '../../stores/meeting-store.ts'
import type { CommunityService } from '../community-service.ts'
import type { MeetingService } from '../meeting-service.ts'
import { hashSecret, newSecret } from '../secrets.ts'
import { notFound } from '../service-error.ts'
import { meetingsCalendar } from './ics.ts'

/** Longest key the feed looks up: ours are 43 characters; anything longer is not one. */
export const MAX_CALENDAR_KEY_LENGTH = 128

/**
 * Calendars (SPEC X3–X5): a community's feed behind a secret key a facilitator makes and
 * replaces, for calendar apps that carry no cookie, and one meeting's "add to calendar" file.
 */
export class CalendarService {
  readonly #keys: CalendarKeyStore
  readonly #communities: CommunityService
  readonly #communityStore: CommunityStore
  readonly #meetingStore: MeetingStore
  readonly #meetings: MeetingService
  readonly #now: () => number

  constructor(
    deps: {
      keys: CalendarKeyStore
      communities: CommunityService
      communityStore: CommunityStore
      meetingStore: MeetingStore
      meetings: MeetingService
    },
    now: () => number = Date.now,
  ) {
    this.#keys = deps.keys
    this.#communities = deps.communities
    this.#communityStore = deps.communityStore
    this.#meetingStore = deps.meetingStore
    this.#meetings = deps.meetings
    this.#now = now
  }

  /** A new feed key for the community (facilitators); the one before stops working. */
  async newKey(communityId: string, userId: string): Promise<string> {
    await this.#communities.requireRole(communityId, userId, 'facilitator')
    const key = newSecret()
    await this.#keys.replaceCalendarKey({
      communityId,
      keyHash: hashSecret(key),
      createdBy: userId,
      createdAt: this.#now(),
    })
    return key
  }

  /** Whether the community has a feed key and since when (facilitators): the key itself is not kept. */
  async keyMade(communityId: string, userId: string): Promise<number | null> {
    await this.#communities.requireRole(communityId, userId, 'facilitator')
    return (await this.#keys.calendarKey(communityId))?.createdAt ?? null
  }

  /**
   * The community's meetings as iCalendar for whoever holds its current key; a missing, wrong
   * or replaced key and an unknown community are the same 404. Hashes are compared in constant
   * time, so the answer's timing tells nothing of how close a guess was.
   */
  async feed(communityId: string, key: string, origin: string): Promise<string> {
    if (key.length === 0 || key.length > MAX_CALENDAR_KEY_LENGTH) throw notFound('That calendar')
    const given = Buffer.from(hashSecret(key))
    const stored = await this.#keys.calendarKey(communityId)
    const expected = Buffer.from(stored?.keyHash ?? '')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw notFound('That calendar')
    const [community, meetings] = await Promise.all([
      this.#communityStore.communityById(communityId),
      this.#meetingStore.meetingsOf(communityId),
    ])
    if (!community) throw notFound('That calendar')
    return meetingsCalendar([...meetings].reverse(), { name: community.name, origin, now: this.#now() })
  }

  /** One meeting as an iCalendar file, for whoever may see the meeting (SPEC X5). */
  async meeting(meetingId: string, userId: string, origin: string): Promise<{ title: string; ics: string }> {
    const access = await this.#meetings.access(meetingId, userId)
    if (!access) throw notFound('That meeting')
    const community = await this.#communityStore.communityById(access.meeting.communityId)
    const ics = meetingsCalendar([access.meeting], {
      name: community?.name ?? access.meeting.title,
      origin,
      now: this.#now(),
    })
    return { title: access.meeting.title, ics }
  }
}

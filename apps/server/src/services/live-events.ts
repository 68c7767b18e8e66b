import type { LiveEvent, LiveEventType } from '@confer/api'
import type { CommunityStore } from '../stores/community-store.ts'
import type { MeetingStore } from '../stores/meeting-store.ts'
import type { DomainEventMap, DomainEvents } from './domain-events.ts'
import { ServiceError } from './service-error.ts'

/** What a source event must say: its community, its meeting, or both (the community is looked up). */
type Scope = { communityId?: string; meetingId?: string }

interface Source {
  type: LiveEventType
  /** Network guests of the meeting receive it too (members of the community always do). */
  guests: boolean
}

type Sources = { [K in keyof DomainEventMap]?: DomainEventMap[K][0] extends Scope ? Source : never }

/**
 * Which domain events reach the browsers, as which live event type (SPEC U1). Adding a type is
 * one line here, plus its name in @confer/api's LIVE_EVENT_TYPES; a new domain event also joins
 * the Redis relay's list (scale-out/domain-event-relay.ts) so streams on every process get it.
 */
export const LIVE_EVENT_SOURCES = {
  meetingChanged: { type: 'meetings', guests: true },
  actionsIndexed: { type: 'actions', guests: true },
  attendanceChanged: { type: 'attendance', guests: false },
  charterAffirmed: { type: 'charter', guests: false },
  resourcesChanged: { type: 'resources', guests: false },
} as const satisfies Sources

/** One open GET /api/events response, as the service sees it. */
export interface LiveStream {
  readonly userId: string
  /** The SHA-256 of the session or token it opened with: revoking that credential ends it. */
  readonly credentialHash: string
  /** When that credential expires: the stream ends then (SPEC U2). */
  readonly expiresAt: number
  send(event: LiveEvent): void
  /** Ends the response; the browser reconnects, and is authenticated again. */
  end(reason: string): void
}

/** setTimeout fires at once for longer delays; a 30-day session is re-armed in steps this long. */
const LONGEST_TIMER_MS = 2 ** 31 - 1

/**
 * Passes domain events on to the open event streams of the people allowed to know of them: who
 * receives an event is decided when it happens, from the memberships of that moment, so someone
 * who left a community hears nothing more of it while their stream stays open. Events carry ids
 * only; the page fetches what it shows through the routes that check access.
 */
export class LiveEvents {
  readonly #communities: CommunityStore
  readonly #meetings: MeetingStore
  readonly #now: () => number
  #onError: (error: unknown) => void = () => {}
  readonly #streams = new Map<string, Set<LiveStream>>()
  readonly #expiry = new Map<LiveStream, NodeJS.Timeout>()

  constructor(
    events: DomainEvents,
    communities: CommunityStore,
    meetings: MeetingStore,
    now: () => number = Date.now,
  ) {
    this.#communities = communities
    this.#meetings = meetings
    this.#now = now
    for (const [name, source] of Object.entries(LIVE_EVENT_SOURCES) as [
      keyof typeof LIVE_EVENT_SOURCES,
      Source,
    ][]) {
      events.on(name, (scope: Scope) => {
        // A listener's rejection would be unhandled: a failed look-up costs this event only.
        this.#deliver(source, scope).catch((error: unknown) => this.#onError(error))
      })
    }
    events.on('credentialRevoked', ({ tokenHash }) => {
      for (const streams of this.#streams.values()) {
        for (const stream of streams)
          if (stream.credentialHash === tokenHash) this.#end(stream, 'credential revoked')
      }
    })
  }

  /** Where an event that could not be delivered (a store that failed) is reported. */
  reportErrorsTo(onError: (error: unknown) => void): void {
    this.#onError = onError
  }

  /** Open streams, on this process. */
  get size(): number {
    let count = 0
    for (const streams of this.#streams.values()) count += streams.size
    return count
  }

  /**
   * Adds a stream, or throws 429 when its user already has `limit` open here. Returns what
   * removes it (when the response closes); calling that twice is harmless.
   */
  open(stream: LiveStream, limit: number): () => void {
    const streams = this.#streams.get(stream.userId) ?? new Set<LiveStream>()
    if (streams.size >= limit) {
      throw new ServiceError(
        429,
        'too_many_requests',
        `At most ${limit} live update streams per person: close some Confer tabs and reload.`,
      )
    }
    streams.add(stream)
    this.#streams.set(stream.userId, streams)
    this.#arm(stream)
    return () => this.#remove(stream)
  }

  /** Ends every stream (the server is stopping). */
  closeAll(reason: string): void {
    for (const streams of [...this.#streams.values()])
      for (const stream of [...streams]) this.#end(stream, reason)
  }

  async #deliver(source: Source, scope: Scope): Promise<void> {
    if (this.#streams.size === 0) return
    const meeting = scope.meetingId ? await this.#meetings.meetingById(scope.meetingId) : null
    const communityId = scope.communityId ?? meeting?.communityId
    if (!communityId) return
    const event: LiveEvent = {
      type: source.type,
      communityId,
      ...(scope.meetingId ? { meetingId: scope.meetingId } : {}),
    }
    const members = new Set((await this.#communities.members(communityId)).map((m) => m.userId))
    const guestsToo = source.guests && meeting !== null && meeting.networkGuestRole !== null
    for (const userId of [...this.#streams.keys()]) {
      const allowed =
        members.has(userId) || (guestsToo && (await this.#communities.sharesNetworkWith(communityId, userId)))
      // Streams may have opened or closed during the look-ups: send to those open now.
      if (allowed) for (const stream of this.#streams.get(userId) ?? []) stream.send(event)
    }
  }

  #arm(stream: LiveStream): void {
    const delay = stream.expiresAt - this.#now()
    if (delay <= 0) {
      this.#end(stream, 'credential expired')
      return
    }
    const timer = setTimeout(() => this.#arm(stream), Math.min(delay, LONGEST_TIMER_MS))
    // A pending expiry must not keep a stopping server alive.
    timer.unref()
    this.#expiry.set(stream, timer)
  }

  #end(stream: LiveStream, reason: string): void {
    this.#remove(stream)
    stream.end(reason)
  }

  #remove(stream: LiveStream): void {
    clearTimeout(this.#expiry.get(stream))
    this.#expiry.delete(stream)
    const streams = this.#streams.get(stream.userId)
    if (!streams?.delete(stream)) return
    if (streams.size === 0) this.#streams.delete(stream.userId)
  }
}

/**
 * GET /api/events (Server-Sent Events): what changed, never the content. A page that shows
 * something of that kind for that community or meeting fetches it again. Adding a type: its
 * name here, and one line in the server's LIVE_EVENT_SOURCES (apps/server/src/services/live-events.ts).
 */
export const LIVE_EVENT_TYPES = [
  /** A meeting of the community was scheduled, renamed, rescheduled, cancelled or un-cancelled. */
  'meetings',
  /** A meeting's action items were indexed again (the community's open items may have changed). */
  'actions',
  /** Someone's attendance of a meeting was recorded or corrected. */
  'attendance',
  /** Someone agreed to the community's norms (its charter page fetches who agreed again). */
  'charter',
  /** A resource was added to the community or deleted (its resource list fetches them again). */
  'resources',
] as const

export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number]

/** One `data:` line of the stream, as JSON. */
export interface LiveEvent {
  type: LiveEventType
  communityId: string
  meetingId?: string
}

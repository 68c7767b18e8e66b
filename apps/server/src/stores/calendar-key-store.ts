/**
 * The secret key of each community's calendar feed (GET /api/communities/:id/calendar.ics?key=).
 * Only the key's hash is kept, one per community: making a new one replaces the old, which then
 * stops working (SPEC X3).
 */
export interface CalendarKeyRecord {
  communityId: string
  keyHash: string
  createdBy: string
  createdAt: number
}

export interface CalendarKeyStore {
  /** Sets the community's key, replacing any earlier one. */
  replaceCalendarKey(record: CalendarKeyRecord): Promise<void>
  /** The community's current key, or null when none was made (or the community is gone). */
  calendarKey(communityId: string): Promise<CalendarKeyRecord | null>
}

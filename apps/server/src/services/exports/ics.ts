import ical, { ICalEventStatus, escape as icalText } from 'ical-generator'

/** What a calendar shows of one meeting. */
export interface CalendarMeeting {
  id: string
  title: string
  startsAt: number
  durationMinutes: number
  cancelledAt: number | null
}

export interface CalendarOptions {
  /** The calendar's name as a calendar app lists it (the community's). */
  name: string
  /** The web app's origin, for each event's link to its meeting page. */
  origin: string
  /** DTSTAMP: when this copy of the calendar was made. */
  now: number
}

/**
 * A meeting's UID, the same in the community feed and in its own "add to calendar" file, so a
 * calendar holding both shows it once; stable across renames and moves, so updates replace it.
 */
export const meetingUid = (meetingId: string) => `${meetingId}@confer`

/**
 * Meetings as an RFC 5545 calendar (SPEC X4, X5): ical-generator writes the lines (CRLF, folded at
 * 75 octets, TEXT values escaped); times are UTC, so no VTIMEZONE is needed. Cancelled meetings
 * stay in it as STATUS:CANCELLED, so a subscribed calendar takes them off rather than keeping a
 * stale copy.
 */
export function meetingsCalendar(meetings: readonly CalendarMeeting[], options: CalendarOptions): string {
  const calendar = ical({
    prodId: { company: 'Confer', product: 'Meetings', language: 'EN' },
    // The library writes the calendar's name unescaped: a comma, semicolon or backslash in a
    // community's name must not change the line's meaning.
    name: icalText(options.name.replace(/\s+/g, ' ').trim(), false),
    // Subscribed calendars look again every hour (RFC 7986 REFRESH-INTERVAL).
    ttl: 60 * 60,
  })
  for (const meeting of meetings) {
    calendar.createEvent({
      id: meetingUid(meeting.id),
      stamp: new Date(options.now),
      start: new Date(meeting.startsAt),
      end: new Date(meeting.startsAt + meeting.durationMinutes * 60_000),
      summary: meeting.title,
      url: `${options.origin}/m/${encodeURIComponent(meeting.id)}`,
      status: meeting.cancelledAt === null ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
    })
  }
  // The library leaves the last line without its CRLF; RFC 5545 ends every content line with one.
  return `${calendar.toString()}\r\n`
}

import type { Role } from '@confer/api'

/*
 * Every time the app shows, in one style and in the viewer's time zone and language: a moment
 * (ISO string or epoch ms) as a date, a time, both, or relative to now; a calendar date
 * ("YYYY-MM-DD", a due date) as the same date style without any time-zone shift.
 */
const DATE: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }
const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' }

const dateTime = new Intl.DateTimeFormat(undefined, { ...DATE, ...TIME })
const dateOnly = new Intl.DateTimeFormat(undefined, DATE)
const timeOnly = new Intl.DateTimeFormat(undefined, TIME)
// A calendar date names a day, not a moment: read and shown in UTC, it is the same day everywhere.
const calendarDay = new Intl.DateTimeFormat(undefined, { ...DATE, timeZone: 'UTC' })
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })

type Moment = string | number

/** "Mon, Dec 7, 2026, 5:30 PM" */
export const formatDateTime = (at: Moment): string => dateTime.format(new Date(at))
/** "Mon, Dec 7, 2026" */
export const formatDate = (at: Moment): string => dateOnly.format(new Date(at))
/** "5:30 PM" */
export const formatTime = (at: Moment): string => timeOnly.format(new Date(at))

/** "YYYY-MM-DD" in the date style above; anything else as it is. */
export function formatCalendarDate(day: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(date.getTime()) ? calendarDay.format(date) : day
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
]

/** "in 2 days", "5 minutes ago", "now": in the largest unit it reaches, rounded; for when nearness matters. */
export function formatRelative(at: Moment, now: number = Date.now()): string {
  const diff = new Date(at).getTime() - now
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return relative.format(Math.round(diff / ms), unit)
  }
  return relative.format(0, 'second')
}

export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest ? `${hours} h ${rest} min` : `${hours} h`
}

export const ROLE_LABELS: Record<Role, string> = {
  facilitator: 'Facilitator',
  member: 'Member',
  observer: 'Observer',
}

/** Every role, most rights first (the keys above, so no role can be missing). */
export const ROLES = Object.keys(ROLE_LABELS) as Role[]

/** What each role may do, in one line, where people choose a role. */
export const ROLE_HINTS: Record<Role, string> = {
  facilitator: 'runs meetings, invites people, manages the community',
  member: 'takes part and writes notes',
  observer: 'follows meetings read-only',
}

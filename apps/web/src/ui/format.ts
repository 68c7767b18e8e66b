import type { Role } from '@confer/api'

const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
})
const dateOnly = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' })

export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso))
export const formatDate = (iso: string): string => dateOnly.format(new Date(iso))

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

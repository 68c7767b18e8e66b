import { formatCalendarDate } from './format.ts'

/** "YYYY-MM-DD" as people read it, in the app's date style; the date itself, whatever the time zone. */
export const formatDue = (due: string): string => formatCalendarDate(due)

/** Today on this device, as "YYYY-MM-DD". */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

export const isOverdue = (due: string | null, done: boolean): boolean =>
  due !== null && !done && due < today()

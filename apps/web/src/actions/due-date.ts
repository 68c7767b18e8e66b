const display = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
})

/** "YYYY-MM-DD" as people read it ("Tue 3 Mar"); the date itself, whatever the time zone. */
export function formatDue(due: string): string {
  const date = new Date(`${due}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? due : display.format(date)
}

/** Today on this device, as "YYYY-MM-DD". */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

export const isOverdue = (due: string | null, done: boolean): boolean =>
  due !== null && !done && due < today()

/** A moment as the values of `<input type="date">` and `<input type="time">`, in the browser's time zone. */
export function toLocalInputs(iso: string): { date: string; time: string } {
  const at = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
  }
}

/** The moment those inputs name, in the browser's time zone, as an ISO string; null if incomplete. */
export function fromLocalInputs(date: string, time: string): string | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const clock = /^(\d{2}):(\d{2})/.exec(time)
  if (!day || !clock) return null
  const at = new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]), Number(clock[1]), Number(clock[2]))
  return Number.isNaN(at.getTime()) ? null : at.toISOString()
}

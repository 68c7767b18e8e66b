/**
 * The starts of a weekly series, computed in the browser's own time zone: the same weekday and
 * clock time every week, across daylight-saving changes (the UTC offset may differ per meeting).
 */
export function weeklyStarts(date: string, time: string, weeks: number): string[] | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const clock = /^(\d{2}):(\d{2})/.exec(time)
  if (!day || !clock || !Number.isInteger(weeks) || weeks < 1) return null
  const [year, month, dayOfMonth] = [Number(day[1]), Number(day[2]), Number(day[3])]
  const [hours, minutes] = [Number(clock[1]), Number(clock[2])]
  const starts: string[] = []
  for (let week = 0; week < weeks; week++) {
    const start = new Date(year, month - 1, dayOfMonth + 7 * week, hours, minutes)
    if (Number.isNaN(start.getTime())) return null
    starts.push(start.toISOString())
  }
  return starts
}

import type { ActionWeek } from '@confer/api'
import type { ActionCopyRow } from '../../stores/progress-store.ts'

const DAY = 86_400_000
/** A year of weeks at most: a chart of more is unreadable, and the answer stays small. */
export const MAX_ACTION_WEEKS = 52

/** The Monday (UTC) of the week `at` falls in, as YYYY-MM-DD. */
export function weekOf(at: number): string {
  const day = new Date(at)
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate())
  const sinceMonday = (day.getUTCDay() + 6) % 7
  return new Date(midnight - sinceMonday * DAY).toISOString().slice(0, 10)
}

/**
 * Action items counted once each (a carried item has a copy per meeting, SPEC T1), as SPEC PR2
 * says: open or done as its latest copy stands; opened in the week of the first meeting holding
 * it; done in the week it was ticked, or, for items indexed before that was kept, the week of the
 * last meeting holding it. Weeks run from the first with anything to the later of the last and
 * `now`'s, without gaps, the latest MAX_ACTION_WEEKS of them.
 */
export function countActions(
  copies: readonly ActionCopyRow[],
  now: number,
): { actions: { open: number; done: number }; actionsByWeek: ActionWeek[] } {
  const items = new Map<string, { first: number; latest: ActionCopyRow }>()
  for (const copy of copies) {
    const item = items.get(copy.actionId)
    if (!item) items.set(copy.actionId, { first: copy.meetingStartsAt, latest: copy })
    else {
      item.first = Math.min(item.first, copy.meetingStartsAt)
      if (copy.meetingStartsAt > item.latest.meetingStartsAt) item.latest = copy
    }
  }
  const opened = new Map<string, number>()
  const done = new Map<string, number>()
  const add = (counts: Map<string, number>, at: number) => {
    const week = weekOf(at)
    counts.set(week, (counts.get(week) ?? 0) + 1)
  }
  let doneCount = 0
  for (const { first, latest } of items.values()) {
    add(opened, first)
    if (!latest.done) continue
    doneCount++
    add(done, latest.doneAt ?? latest.meetingStartsAt)
  }
  const weeks = [...opened.keys(), ...done.keys()].sort()
  const byWeek: ActionWeek[] = []
  const firstWeek = weeks[0]
  if (firstWeek !== undefined) {
    const lastWeek = [weeks[weeks.length - 1] as string, weekOf(now)].sort()[1] as string
    for (let at = Date.parse(firstWeek); ; at += 7 * DAY) {
      const week = weekOf(at)
      if (week > lastWeek) break
      byWeek.push({ week, opened: opened.get(week) ?? 0, done: done.get(week) ?? 0 })
    }
  }
  return {
    actions: { open: items.size - doneCount, done: doneCount },
    actionsByWeek: byWeek.slice(-MAX_ACTION_WEEKS),
  }
}

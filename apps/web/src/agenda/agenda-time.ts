import type { AgendaItem } from '@confer/model'

/** How the planned minutes compare with the meeting's length. */
export type TimeBudget = 'fits' | 'near' | 'full' | 'over'

/** From this share of the meeting on, the total is shown as nearly full. */
const NEAR_SHARE = 0.9

export function plannedMinutes(agenda: readonly AgendaItem[]): number {
  return agenda.reduce((sum, item) => sum + item.minutes, 0)
}

export function timeBudget(planned: number, duration: number): TimeBudget {
  if (planned > duration) return 'over'
  if (planned === duration) return 'full'
  return planned >= duration * NEAR_SHARE ? 'near' : 'fits'
}

/** The words that carry the budget (colour only repeats them). */
export function budgetText(planned: number, duration: number): string {
  const base = `${planned} of ${duration} min planned`
  switch (timeBudget(planned, duration)) {
    case 'fits':
      return `${base} · ${duration - planned} min free`
    case 'near':
      return `${base} · nearly full, ${duration - planned} min free`
    case 'full':
      return `${base} · exactly full`
    case 'over':
      return `${base} · ${planned - duration} min over`
  }
}

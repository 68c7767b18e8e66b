/**
 * Colours and marks every chart uses. Each passes 3:1 against white (WCAG 1.4.11) and each series
 * also differs by its mark (solid or hatched, round or square dots), never by colour alone.
 */
export const SERIES = [
  { color: '#1f5fbf', hatched: false, dot: 'circle' },
  { color: '#05603a', hatched: true, dot: 'square' },
] as const

export const AXIS = { stroke: '#4a5468', fontSize: 12 } as const
export const GRID = '#d5d9e0'

const shortDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' })

/** "YYYY-MM-DD" as a short axis label ("Dec 7"); anything else as it is. */
export function formatShortDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(date.getTime()) ? shortDay.format(date) : day
}

/** A number as a chart or table shows it: at most two decimals, no trailing zeros. */
export const formatNumber = (value: number): string =>
  Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100)

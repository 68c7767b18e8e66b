import type { ReactNode } from 'react'
import { formatDateTime } from '../ui/format.ts'

/** The one shape the server writes times in (apps/server/src/services/summary/utc-time.ts). */
const UTC_TIME = /\b(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC\b/g

/**
 * Text of the summary with each "YYYY-MM-DD HH:MM UTC" shown in the viewer's time zone, in the
 * app's date format (SPEC E4); the UTC time stays as the element's machine-readable value and
 * tooltip. The downloaded Markdown keeps the UTC times.
 */
export function withLocalTimes(text: string): ReactNode {
  const parts: ReactNode[] = []
  let last = 0
  for (const match of text.matchAll(UTC_TIME)) {
    const iso = `${match[1]}T${match[2]}:00Z`
    if (Number.isNaN(Date.parse(iso))) continue
    parts.push(text.slice(last, match.index))
    parts.push(
      <time key={match.index} dateTime={iso} title={match[0]}>
        {formatDateTime(iso)}
      </time>,
    )
    last = match.index + match[0].length
  }
  if (parts.length === 0) return text
  parts.push(text.slice(last))
  return parts
}

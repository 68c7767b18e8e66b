/**
 * Times in the Markdown summary: the server cannot know the reader's time zone, so every time
 * says it is UTC, in one unambiguous shape the web summary page recognises and shows in the
 * viewer's zone (SPEC E3, E4).
 */
export function utcTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** A length of time as people say it: seconds under a minute, whole minutes above. */
export function lengthOf(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000))
  return seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 60)} min`
}

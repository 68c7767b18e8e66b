/** Countdown arithmetic and wording, kept pure so every screen rounds the same way. */

export interface CountdownText {
  /** "4:05", or "+0:12" in overtime. */
  text: string
  overtime: boolean
  /** Whole seconds shown: left, or past the end when in overtime. */
  seconds: number
}

const pad = (n: number) => String(n).padStart(2, '0')

function clock(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds % 60
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`
}

/**
 * Time left rounds up (a 5-minute step starts at 05:00 and shows 00:01 in its last second);
 * time is up at exactly zero, and overtime counts up from +00:00.
 */
export function formatRemaining(remainingMs: number): CountdownText {
  if (remainingMs > 0) {
    const seconds = Math.ceil(remainingMs / 1000)
    return { text: clock(seconds), overtime: false, seconds }
  }
  // `|| 0`: exactly zero would otherwise be -0.
  const seconds = Math.floor(-remainingMs / 1000) || 0
  return { text: `+${clock(seconds)}`, overtime: true, seconds }
}

/** Milliseconds until the shown value changes (the next whole second of the remaining time). */
export function msUntilNextTick(remainingMs: number): number {
  const within = ((remainingMs % 1000) + 1000) % 1000
  return within === 0 ? 1000 : within
}

/** How a time is read aloud: "4 minutes 5 seconds left", "12 seconds over time". */
export function spokenRemaining(remainingMs: number): string {
  const { seconds, overtime } = formatRemaining(remainingMs)
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  const parts = [
    minutes > 0 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : '',
    rest > 0 || minutes === 0 ? `${rest} second${rest === 1 ? '' : 's'}` : '',
  ].filter(Boolean)
  return `${parts.join(' ')} ${overtime ? 'over time' : 'left'}`
}

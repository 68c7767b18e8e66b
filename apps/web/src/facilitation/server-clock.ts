/**
 * One clock (DESIGN §1): every screen counts down against the server's clock, whatever the
 * device's own clock says. A few GET /api/time samples are taken, the one with the shortest
 * round trip wins (its answer is the least delayed), and the offset maps this page's monotonic
 * clock (performance.now) onto server epoch ms: offset = serverNow + rtt/2 − clientNow.
 * The monotonic clock is used rather than Date.now so a device whose date is wrong, or whose
 * clock is adjusted mid-meeting, still counts down in step with everyone else.
 */

const SAMPLES = 5
/** Re-estimated every few minutes: device clocks drift, and laptops sleep. */
const REFRESH_MS = 5 * 60_000
/** Reconnects can come in bursts on school Wi-Fi; one estimate per burst is enough. */
const MIN_GAP_MS = 10_000
/** How often to look for a jump between the wall clock and the monotonic one (a laptop waking up). */
const DRIFT_CHECK_MS = 15_000
const DRIFT_LIMIT_MS = 1_000
/** When no sample came back and there is no estimate yet, try again soon. */
const RETRY_MS = 3_000

export interface Sample {
  /** Server epoch ms the server reported. */
  server: number
  /** Local monotonic ms when the request left and when the answer arrived. */
  sent: number
  received: number
}

/** The offset from the sample with the shortest round trip, or null without any sample. */
export function bestOffset(samples: readonly Sample[]): number | null {
  let best: Sample | null = null
  for (const sample of samples) {
    if (!best || sample.received - sample.sent < best.received - best.sent) best = sample
  }
  if (!best) return null
  return best.server + (best.received - best.sent) / 2 - best.received
}

type Listener = () => void

let offset: number | null = null
let estimating: Promise<void> | null = null
let lastEstimate = Number.NEGATIVE_INFINITY
let users = 0
let timers: ReturnType<typeof setInterval>[] = []
/** Wall clock minus monotonic clock when the estimate was made: it moves when either one jumps. */
let wallGap = 0
const listeners = new Set<Listener>()

const monotonic = () => performance.now()

async function sample(): Promise<Sample | null> {
  const sent = monotonic()
  try {
    const response = await fetch('/api/time', { cache: 'no-store', credentials: 'same-origin' })
    const received = monotonic()
    if (!response.ok) return null
    const body = (await response.json()) as { now?: unknown }
    return typeof body.now === 'number' && Number.isFinite(body.now)
      ? { server: body.now, sent, received }
      : null
  } catch {
    return null
  }
}

async function estimate(): Promise<void> {
  const samples: Sample[] = []
  // One after another: parallel requests would queue behind each other and spoil the round trips.
  for (let i = 0; i < SAMPLES; i++) {
    const result = await sample()
    if (result) samples.push(result)
  }
  const next = bestOffset(samples)
  if (next === null) {
    if (offset === null && users > 0) setTimeout(() => void resyncClock(), RETRY_MS)
    return
  }
  offset = next
  lastEstimate = monotonic()
  wallGap = Date.now() - lastEstimate
  for (const listener of listeners) listener()
}

/** Starts a new estimate unless one is running or one finished moments ago. */
export function resyncClock(options: { force?: boolean } = {}): Promise<void> {
  if (estimating) return estimating
  if (!options.force && offset !== null && monotonic() - lastEstimate < MIN_GAP_MS) return Promise.resolve()
  estimating = estimate().finally(() => {
    estimating = null
  })
  return estimating
}

const onVisible = () => {
  if (document.visibilityState === 'visible') void resyncClock()
}
const onOnline = () => void resyncClock()

/** Keeps the estimate fresh while anything on the page shows a countdown; returns the release. */
export function retainClock(): () => void {
  users += 1
  if (users === 1) {
    void resyncClock()
    timers = [
      setInterval(() => void resyncClock({ force: true }), REFRESH_MS),
      // Some systems stop the monotonic clock while asleep; the wall clock tells us it happened.
      setInterval(() => {
        if (offset !== null && Math.abs(Date.now() - monotonic() - wallGap) > DRIFT_LIMIT_MS) {
          void resyncClock({ force: true })
        }
      }, DRIFT_CHECK_MS),
    ]
    document.addEventListener('visibilitychange', onVisible)
    window.addEventListener('online', onOnline)
  }
  let released = false
  return () => {
    if (released) return
    released = true
    users -= 1
    if (users > 0) return
    for (const timer of timers) clearInterval(timer)
    timers = []
    document.removeEventListener('visibilitychange', onVisible)
    window.removeEventListener('online', onOnline)
  }
}

/** The server's clock now (epoch ms), or null until the first estimate arrives. */
export function serverNow(): number | null {
  return offset === null ? null : monotonic() + offset
}

/** Called whenever a new estimate lands. */
export function subscribeClock(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The current offset (changes with every estimate), or null before the first one. */
export const clockOffset = (): number | null => offset

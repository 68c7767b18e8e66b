import type { Browser } from '@playwright/test'
import { type LiveMeetingOptions, notesKeystrokes, openLiveMeeting } from './live-meeting.ts'
import type { WebTarget } from './server.ts'
import { percentile, round2 } from './stats.ts'

export interface KeystrokeResult {
  keystrokes: number
  samples: number
  p50: number
  p95: number
  max: number
  /** Keystrokes whose keydown Event Timing entry was 16 ms or more (the browser rounds durations to 8 ms). */
  slowByEventTiming: number
  /** Long tasks (> 50 ms) on the page's main thread during the typing, summed. */
  longTaskMs: number
  /** Characters the remote typists typed meanwhile. */
  remoteChars: number
  prefilledBytes: number
  converged: boolean
}

/**
 * Keystroke to paint in a live meeting: the browser types `keystrokes` keys at `keysPerSecond`
 * into the "Notes" item while the remote typists type into the same notes.
 */
export async function keystrokeToPaint(
  browser: Browser,
  target: WebTarget,
  meeting: LiveMeetingOptions,
  keystrokes: number,
  keysPerSecond: number,
): Promise<KeystrokeResult> {
  const live = await openLiveMeeting(browser, target, meeting)
  try {
    // A few seconds of everyone else typing first: the page is in its steady state.
    await live.type(notesKeystrokes(20), 1000 / keysPerSecond)
    await live.page.evaluate(() => {
      const keys = window.__benchKeys
      if (!keys) return
      keys.samples.length = 0
      keys.slowEventTiming.length = 0
      keys.unfinished = 0
      keys.longTaskMs = 0
    })
    const remoteBefore = live.typists.reduce((sum, t) => sum + t.typed, 0)
    const sent = await live.type(notesKeystrokes(keystrokes), 1000 / keysPerSecond)
    const remoteChars = live.typists.reduce((sum, t) => sum + t.typed, 0) - remoteBefore
    // The last keystroke's frame, then everything the page measured.
    await live.page
      .waitForFunction((n) => (window.__benchKeys?.samples.length ?? 0) >= n, sent, { timeout: 10_000 })
      .catch(() => {})
    const keys = await live.page.evaluate(() => window.__benchKeys)
    for (const t of live.typists) t.stop()
    const converged = await live.converged()
    const samples = keys?.samples ?? []
    return {
      keystrokes: sent,
      samples: samples.length,
      p50: round2(percentile(samples, 50)),
      p95: round2(percentile(samples, 95)),
      max: round2(Math.max(0, ...samples)),
      slowByEventTiming: keys?.slowEventTiming.length ?? 0,
      longTaskMs: Math.round(keys?.longTaskMs ?? 0),
      remoteChars,
      prefilledBytes: live.prefilledBytes,
      converged,
    }
  } finally {
    await live.close()
  }
}

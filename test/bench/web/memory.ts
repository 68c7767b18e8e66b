import type { Browser } from '@playwright/test'
import { heapAfterGc } from './browser.ts'
import { type LiveMeetingOptions, notesKeystrokes, openLiveMeeting } from './live-meeting.ts'
import type { WebTarget } from './server.ts'
import { round2, slope } from './stats.ts'

export interface MemorySample {
  minute: number
  heapMB: number
  domNodes: number
  listeners: number
  documentMB: number
}

export interface MemoryResult {
  samples: MemorySample[]
  warmupMinutes: number
  /** JS heap after GC: least-squares slope over the samples from the warm-up on. */
  heapSlopeMBPerMinute: number
  /** The document's own growth (encoded), for scale: typed text the heap has to hold. */
  documentSlopeMBPerMinute: number
  domNodesSlopePerMinute: number
  localChars: number
  remoteChars: number
  converged: boolean
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Browser memory over a long stretch of typing: the page types steadily while the remote
 * typists do too; the JS heap is read after a forced full GC at the end of the warm-up and then
 * every `everyMinutes`. Flat means the slope after the warm-up is about what the typed text adds.
 */
export async function memoryOverTime(
  browser: Browser,
  target: WebTarget,
  meeting: LiveMeetingOptions,
  options: { minutes: number; warmupMinutes: number; everyMinutes: number; keysPerSecond: number },
): Promise<MemoryResult> {
  const live = await openLiveMeeting(browser, target, meeting)
  try {
    const started = performance.now()
    const minutes = () => (performance.now() - started) / 60_000
    let stop = false
    const keys = Math.ceil(options.minutes * 60 * options.keysPerSecond) + 100
    const typing = live.type(notesKeystrokes(keys), 1000 / options.keysPerSecond, () => stop)
    const samples: MemorySample[] = []
    for (let at = options.warmupMinutes; at <= options.minutes + 1e-9; at += options.everyMinutes) {
      await sleep(Math.max(0, (at - minutes()) * 60_000))
      const heap = await heapAfterGc(live.cdp)
      samples.push({
        minute: round2(minutes()),
        heapMB: round2(heap.heapBytes / 1e6),
        domNodes: heap.nodes,
        listeners: heap.listeners,
        documentMB: round2(live.documentBytes() / 1e6),
      })
      console.log(
        `  memory at ${round2(minutes())} min: ${round2(heap.heapBytes / 1e6)} MB heap, ${heap.nodes} DOM nodes`,
      )
    }
    stop = true
    const localChars = await typing
    const remoteChars = live.typists.reduce((sum, t) => sum + t.typed, 0)
    for (const t of live.typists) t.stop()
    const converged = await live.converged()
    const per = (f: (s: MemorySample) => number) => slope(samples.map((s) => ({ x: s.minute, y: f(s) })))
    return {
      samples,
      warmupMinutes: options.warmupMinutes,
      heapSlopeMBPerMinute: Math.round(per((s) => s.heapMB) * 1000) / 1000,
      documentSlopeMBPerMinute: Math.round(per((s) => s.documentMB) * 1000) / 1000,
      domNodesSlopePerMinute: round2(per((s) => s.domNodes)),
      localChars,
      remoteChars,
      converged,
    }
  } finally {
    await live.close()
  }
}

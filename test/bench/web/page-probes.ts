/**
 * Scripts the bench installs in the page before any of the app's own (page.addInitScript).
 * They run in the browser: no imports, nothing from the outside but what they are given.
 */

declare global {
  interface Window {
    /** performance.now() of the first frame showing the "Notes" editor editable. */
    __benchEditableAt?: number
    __benchKeys?: { samples: number[]; unfinished: number; slowEventTiming: number[]; longTaskMs: number }
  }
}

/**
 * Time to editable: watches the DOM for the editor of the item titled "Notes" turning
 * contenteditable, then stamps the next frame (rAF, then a message: the stamp lands after the
 * frame's rendering work), so the time is when the editable editor is on screen.
 */
export function editableProbe(): void {
  const isEditable = () => {
    for (const el of document.querySelectorAll('[role="textbox"][contenteditable="true"]')) {
      const label = document.getElementById(el.getAttribute('aria-labelledby') ?? '')
      if (label?.textContent?.trim() === 'Notes') return true
    }
    return false
  }
  const observer = new MutationObserver(() => {
    if (!isEditable()) return
    observer.disconnect()
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        window.__benchEditableAt = performance.now()
      }
      channel.port2.postMessage(0)
    })
  })
  observer.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['contenteditable'],
  })
}

/**
 * Keystroke to paint: from a key event's timestamp (when the browser received it, so time
 * queued behind other work counts) to the frame after the editor handled it. The editor handles
 * a keystroke either natively (an `input` event follows) or itself (it prevents the default of
 * `keydown` or `keypress`); whichever comes first ends the handling, and the next frame
 * (rAF, then a message) is the paint. Event Timing entries of 16 ms or more and long tasks are kept
 * beside it, as a cross-check and for the cause.
 */
export function keystrokeProbe(): void {
  const state = { samples: [] as number[], unfinished: 0, slowEventTiming: [] as number[], longTaskMs: 0 }
  window.__benchKeys = state
  let current: { t0: number; done: boolean } | null = null
  const finish = () => {
    const key = current
    if (!key || key.done) return
    key.done = true
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => state.samples.push(performance.now() - key.t0)
      channel.port2.postMessage(0)
    })
  }
  window.addEventListener(
    'keydown',
    (e) => {
      if (current && !current.done) state.unfinished += 1
      current = { t0: e.timeStamp, done: false }
    },
    true,
  )
  window.addEventListener('keydown', (e) => e.defaultPrevented && finish())
  window.addEventListener('keypress', (e) => e.defaultPrevented && finish())
  window.addEventListener('input', finish, true)
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.name === 'keydown') state.slowEventTiming.push(entry.duration)
  }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit)
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longTaskMs += entry.duration
  }).observe({ type: 'longtask', buffered: true })
}

import { useEffect } from 'react'
import type { CollabSession } from './session.ts'

/** Without a key press, click, touch or scroll for this long, others see you as idle. */
export const IDLE_AFTER_MS = 2 * 60_000

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const

/**
 * Publishes `idle` on the document's awareness: true after a while without input, or as soon
 * as the tab is hidden; false again at the next input on a visible tab. Only changes are sent.
 */
export function useIdle(session: CollabSession | null): void {
  useEffect(() => {
    if (!session) return
    const { provider } = session
    let idle: boolean | null = null
    let timer: ReturnType<typeof setTimeout> | null = null
    const publish = (next: boolean) => {
      if (idle === next) return
      idle = next
      provider.setAwarenessField('idle', next)
    }
    const restart = () => {
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(() => publish(true), IDLE_AFTER_MS)
    }
    const onActivity = () => {
      if (document.visibilityState === 'hidden') return
      publish(false)
      restart()
    }
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        if (timer !== null) clearTimeout(timer)
        timer = null
        publish(true)
      } else {
        onActivity()
      }
    }
    for (const type of ACTIVITY) window.addEventListener(type, onActivity, { passive: true, capture: true })
    document.addEventListener('visibilitychange', onVisibility)
    onVisibility()
    return () => {
      if (timer !== null) clearTimeout(timer)
      for (const type of ACTIVITY) window.removeEventListener(type, onActivity, { capture: true })
      document.removeEventListener('visibilitychange', onVisibility)
    }
  }, [session])
}

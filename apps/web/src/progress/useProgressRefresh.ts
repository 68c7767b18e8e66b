import { useEffect, useRef } from 'react'
import { useLiveReload } from '../api/useLiveEvents.ts'

/**
 * How often a progress page asks again while it is shown: sponsors get no live events (they are
 * no members), and norms-check ratings have none; a chart a minute late is still news.
 */
export const PROGRESS_POLL_MS = 30_000

/**
 * Keeps a progress answer current: fetched again on the live events that change its counts
 * (meetings scheduled or cancelled, action items indexed: SPEC U1), when the tab is shown again,
 * and every PROGRESS_POLL_MS while it is visible. Plan edits come through PlanWatcher.
 */
export function useProgressRefresh(reload: () => void, communityId?: string): void {
  useLiveReload({ types: ['meetings', 'actions'], communityId }, reload)
  const latest = useRef(reload)
  useEffect(() => {
    latest.current = reload
  })
  useEffect(() => {
    const visible = () => document.visibilityState === 'visible'
    const timer = setInterval(() => {
      if (visible()) latest.current()
    }, PROGRESS_POLL_MS)
    const onVisibility = () => {
      if (visible()) latest.current()
    }
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisibility)
    }
  }, [])
}

import type { LiveEventType } from '@confer/api'
import { useEffect, useRef } from 'react'
import { type LiveEventFilter, type LiveNotice, subscribeLiveEvents } from './live-events.ts'

/**
 * Calls `onEvent` for each live event matching `filter` while the component is mounted, and with
 * `{type: 'resync'}` after the connection was down (events may have been missed). `onEvent` may
 * change on every render; the subscription follows the filter's values only.
 */
export function useLiveEvents(filter: LiveEventFilter, onEvent: (notice: LiveNotice) => void): void {
  const onEventRef = useRef(onEvent)
  useEffect(() => {
    onEventRef.current = onEvent
  })
  const { types, communityId, meetingId } = filter
  const typesKey = types.join(',')
  useEffect(() => {
    const current: LiveEventFilter = {
      types: typesKey.split(',') as LiveEventType[],
      communityId,
      meetingId,
    }
    return subscribeLiveEvents(current, (notice) => onEventRef.current(notice))
  }, [typesKey, communityId, meetingId])
}

/** Bursts of events (a weekly series of 26 scheduled at once) cost one fetch, this soon after. */
const COALESCE_MS = 150

/**
 * Fetches again (`reload`) when a matching live event comes or after a reconnect: the usual way
 * a page keeps a list current. A burst of events within COALESCE_MS is one reload.
 */
export function useLiveReload(filter: LiveEventFilter, reload: () => void): void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current)
    },
    [],
  )
  useLiveEvents(filter, () => {
    if (timer.current !== null) return
    timer.current = setTimeout(() => {
      timer.current = null
      reload()
    }, COALESCE_MS)
  })
}

import { useEffect, useSyncExternalStore } from 'react'
import { clockOffset, retainClock, subscribeClock } from './server-clock.ts'

/**
 * Keeps the server-clock estimate fresh while the component is mounted. Returns the current
 * offset (a new value re-renders the caller), or null until the first estimate has arrived —
 * until then no countdown is shown rather than a wrong one.
 */
export function useServerClock(): number | null {
  useEffect(() => retainClock(), [])
  return useSyncExternalStore(subscribeClock, clockOffset)
}

import type { RunState } from '@confer/model'
import { useEffect, useRef } from 'react'

/**
 * Calls `onTimeUp` once when the running step's time reaches zero while this page watches it.
 * Opening a page on a step already in overtime does not count, and neither does a new step.
 */
export function useTimeUp(run: RunState, remaining: number | null, onTimeUp: () => void): void {
  const key = `${run.protocolId}:${run.step}:${run.speaker}:${run.state}`
  const last = useRef<{ key: string; remaining: number | null }>({ key, remaining })
  const callback = useRef(onTimeUp)
  useEffect(() => {
    callback.current = onTimeUp
  })
  useEffect(() => {
    const previous = last.current
    last.current = { key, remaining }
    if (previous.key !== key || run.state !== 'running') return
    if (previous.remaining !== null && previous.remaining > 0 && remaining !== null && remaining <= 0) {
      callback.current()
    }
  }, [key, remaining, run.state])
}

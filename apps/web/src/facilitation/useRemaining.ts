import { type RunState, remainingAt } from '@confer/model'
import { useEffect, useState } from 'react'
import { msUntilNextTick } from './countdown.ts'
import { serverNow } from './server-clock.ts'
import { useServerClock } from './useServerClock.ts'

/**
 * Time left in the current step (negative in overtime), computed from the run's absolute end
 * time and the server clock; null when no timer runs or the clock is not known yet. Re-renders
 * once per whole second of the remaining time, just after it changes, so every screen flips its
 * digits at the same moment.
 */
export function useRemaining(run: RunState): number | null {
  const offset = useServerClock()
  const [, setTick] = useState(0)
  const { state, endsAt } = run

  useEffect(() => {
    if (offset === null || state !== 'running' || endsAt === null) return
    let handle: ReturnType<typeof setTimeout> | undefined
    const schedule = () => {
      const now = serverNow()
      if (now === null) return
      // A few ms past the boundary, so the new value is certainly the one shown.
      handle = setTimeout(
        () => {
          setTick((n) => n + 1)
          schedule()
        },
        msUntilNextTick(endsAt - now) + 4,
      )
    }
    schedule()
    return () => clearTimeout(handle)
  }, [offset, state, endsAt])

  if (state === 'paused') return run.remainingMs
  const now = serverNow()
  return now === null ? null : remainingAt(run, now)
}

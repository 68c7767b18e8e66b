import type { RunStatus } from '@confer/model'
import { formatRemaining } from './countdown.ts'

/**
 * The step's time left, as mm:ss, or "+mm:ss overtime" past the end (no automatic advance:
 * the facilitator decides). Not a live region: screen readers hear step changes and "time is
 * up" from the announcer instead of a number every second; the timer role lets them read it
 * on demand.
 */
export function Countdown({ remaining, state }: { remaining: number | null; state: RunStatus }) {
  const shown = remaining === null ? null : formatRemaining(remaining)
  const status = state === 'paused' ? 'paused' : shown?.overtime ? 'overtime' : 'running'
  return (
    <div className="countdown" data-state={status}>
      <span className="visually-hidden">Time left: </span>
      <span className="countdown__digits" role="timer">
        {shown ? shown.text : '--:--'}
      </span>
      {shown?.overtime && <span className="countdown__note">overtime</span>}
      {state === 'paused' && <span className="countdown__note">paused</span>}
    </div>
  )
}

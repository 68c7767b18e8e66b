import type { RunState } from '@confer/model'
import { useCallback, useEffect, useRef, useState } from 'react'
import { spokenRemaining } from './countdown.ts'
import { type CurrentStep, stepLabel } from './current-step.ts'

/**
 * What the announcer says: the new step and who speaks when the step or turn changes, "Paused"
 * and "Resumed", the end of the protocol, and "time is up" (through the returned callback).
 * Nothing on first render: opening the page is not news.
 */
export function useRunAnnouncement(
  run: RunState,
  current: CurrentStep | null,
  speakerNow: string | null,
): { message: string; timeUp: () => void } {
  const [message, setMessage] = useState('')
  // From the run alone: the protocol list arriving after the page opened is not news either.
  const live = run.state === 'running' || run.state === 'paused'
  const stepKey = live ? `${run.protocolId}:${run.step}:${run.speaker}` : run.state
  const previous = useRef<{ stepKey: string; state: RunState['state'] } | null>(null)
  const describe = useRef('')
  describe.current = current
    ? `${stepLabel(current)}: ${current.step.title}.${speakerNow ? ` Speaking now: ${speakerNow}.` : ''}${
        current.step.presenterSilent ? ' The presenter listens silently.' : ''
      }`
    : ''

  useEffect(() => {
    const before = previous.current
    previous.current = { stepKey, state: run.state }
    if (!before) return
    if (before.stepKey !== stepKey) {
      if (run.state === 'done') setMessage('The protocol is finished.')
      else if (run.state === 'idle') setMessage('The protocol was stopped.')
      else setMessage(describe.current)
    } else if (before.state !== run.state) {
      if (run.state === 'paused') {
        setMessage(run.remainingMs === null ? 'Paused.' : `Paused with ${spokenRemaining(run.remainingMs)}.`)
      } else if (run.state === 'running' && before.state === 'paused') setMessage('Resumed.')
    }
  }, [stepKey, run.state, run.remainingMs])

  const title = current?.step.title
  const timeUp = useCallback(() => setMessage(title ? `Time is up for ${title}.` : 'Time is up.'), [title])
  return { message, timeUp }
}

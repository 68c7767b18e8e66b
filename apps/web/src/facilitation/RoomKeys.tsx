import type { RunState } from '@confer/model'
import { useRunActions } from './useRunActions.ts'
import { useRunShortcuts } from './useRunShortcuts.ts'

/**
 * A facilitator at the projector's keyboard runs the round from the room view with the same
 * keys as on the meeting page; nothing extra is drawn but a one-line reminder and any refusal.
 */
export function RoomKeys({ meetingId, run }: { meetingId: string; run: RunState }) {
  const { act, error } = useRunActions(meetingId)
  const live = run.state === 'running' || run.state === 'paused'
  useRunShortcuts(live, {
    toggle: () => void act({ action: run.state === 'paused' ? 'resume' : 'pause' }),
    next: () => void act({ action: 'next' }),
    prev: () => void act({ action: 'prev' }),
    extend: () => void act({ action: 'extend', seconds: 60 }),
  })
  return (
    <div className="room__keys">
      <p className="room__error" role="status" aria-live="polite">
        {error}
      </p>
      {live && (
        <p className="room__hint">
          Facilitator keys: <kbd>Space</kbd> pause or resume · <kbd>N</kbd> next · <kbd>P</kbd> previous ·{' '}
          <kbd>E</kbd> one more minute
        </p>
      )}
    </div>
  )
}

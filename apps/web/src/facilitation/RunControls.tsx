import type { RunState } from '@confer/model'
import { type RefObject, useId } from 'react'
import type { CurrentStep } from './current-step.ts'
import { SHORTCUTS } from './useRunShortcuts.ts'

interface Props {
  run: RunState
  current: CurrentStep | null
  onAction: (action: 'toggle' | 'prev' | 'next' | 'extend' | 'stop') => void
  toggleRef: RefObject<HTMLButtonElement | null>
}

/**
 * Pause/Resume, Previous, Next, +1 min and Stop. Buttons are never disabled (that would drop the
 * keyboard focus): the action hook ignores repeats, and the server explains what cannot be done.
 */
export function RunControls({ run, current, onAction, toggleRef }: Props) {
  const helpId = useId()
  const last =
    current !== null &&
    current.number === current.count &&
    (!current.turn || current.turn.number === current.turn.count)
  return (
    <div className="run-controls">
      <fieldset className="run-controls__buttons" aria-describedby={helpId}>
        <legend className="visually-hidden">Protocol controls</legend>
        <button
          ref={toggleRef}
          type="button"
          className="button button--primary"
          aria-keyshortcuts="Space"
          onClick={() => onAction('toggle')}
        >
          {run.state === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button
          type="button"
          className="button button--secondary"
          aria-keyshortcuts="P"
          onClick={() => onAction('prev')}
        >
          Previous
        </button>
        <button
          type="button"
          className="button button--secondary"
          aria-keyshortcuts="N"
          onClick={() => onAction('next')}
        >
          {last ? 'Finish' : 'Next'}
        </button>
        <button
          type="button"
          className="button button--secondary"
          aria-keyshortcuts="E"
          onClick={() => onAction('extend')}
        >
          +1 min
        </button>
        <button type="button" className="button button--quiet" onClick={() => onAction('stop')}>
          Stop
        </button>
      </fieldset>
      <p id={helpId} className="hint run-controls__help">
        Keys (when you are not typing):{' '}
        {SHORTCUTS.map((s, i) => (
          <span key={s.keys}>
            {i > 0 && ', '}
            <kbd>{s.keys}</kbd> {s.does}
          </span>
        ))}
        .
      </p>
    </div>
  )
}

import { type ReactNode, useContext, useId } from 'react'
import { useStoredChoice } from '../../../ui/useStoredChoice.ts'
import { MeetingLayoutContext } from './meeting-layout.ts'

/**
 * The column beside the notes with who is here and the action items. It stays in view while the
 * notes scroll, and folds to a narrow button to give the notes the room (remembered on the device).
 * On a phone its parts are tabs instead, so it never folds there.
 */
export function MeetingRail({ children }: { children: ReactNode }) {
  const layout = useContext(MeetingLayoutContext)
  const bodyId = useId()
  const [state, setState] = useStoredChoice('confer:layout:rail', ['open', 'collapsed'], 'open')
  const collapsed = state === 'collapsed' && !layout?.phone
  return (
    <div className="meeting-rail" data-collapsed={collapsed}>
      {!layout?.phone && (
        <button
          type="button"
          className="button button--quiet button--small meeting-rail__toggle"
          aria-expanded={!collapsed}
          aria-controls={bodyId}
          onClick={() => setState(collapsed ? 'open' : 'collapsed')}
        >
          {collapsed ? 'Show people and actions' : 'Hide people and actions'}
        </button>
      )}
      <div id={bodyId} className="meeting-rail__body" hidden={collapsed}>
        {children}
      </div>
    </div>
  )
}

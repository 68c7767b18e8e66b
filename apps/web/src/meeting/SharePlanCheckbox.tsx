import type { MeetingView } from '@confer/api'
import { useId, useState } from 'react'
import { updateMeeting } from '../api/endpoints.ts'
import { useAction } from '../ui/useAction.ts'

/**
 * Targeted networking (SPEC G5): the facilitator shows the community's plan, read-only, to the
 * guests of a meeting open to the network. Their questions go into this meeting's notes.
 */
export function SharePlanCheckbox({
  view,
  onChange,
  onSaved,
}: {
  view: MeetingView
  onChange: (view: MeetingView) => void
  onSaved: (message: string) => void
}) {
  const id = useId()
  const action = useAction()
  // Ticked at once while the change is saved; the server's answer (or a failure) settles it.
  const [wanted, setWanted] = useState<boolean | null>(null)
  const { meeting } = view
  const toggle = async (sharesPlan: boolean) => {
    onSaved('')
    setWanted(sharesPlan)
    const outcome = await action.run(() => updateMeeting(meeting.id, { sharesPlan }))
    setWanted(null)
    if (!outcome.ok) return
    onChange({ ...view, meeting: outcome.value.meeting })
    onSaved(sharesPlan ? 'The guests can now see our plan.' : 'Our plan is no longer shown to the guests.')
  }
  return (
    <div className="network-access__plan">
      <label className="checkbox-label">
        <input
          type="checkbox"
          aria-describedby={`${id}-hint`}
          checked={wanted ?? meeting.sharesPlan}
          disabled={action.pending}
          onChange={(event) => void toggle(event.target.checked)}
        />
        Show our plan to the guests
      </label>
      <p id={`${id}-hint`} className="hint">
        Read-only: goals and progress, the cycle and the evidence. Their questions go into these notes.
      </p>
      {action.error && (
        <p className="error" role="alert">
          {action.error.message}
        </p>
      )}
    </div>
  )
}

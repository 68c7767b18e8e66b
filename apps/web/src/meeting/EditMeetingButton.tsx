import type { Meeting } from '@confer/api'
import { useId, useRef, useState } from 'react'
import { updateMeeting } from '../api/endpoints.ts'
import { Dialog } from '../ui/Dialog.tsx'
import { useAction } from '../ui/useAction.ts'
import { EditMeetingForm } from './EditMeetingForm.tsx'
import './edit-meeting.css'

/**
 * "Edit meeting" for facilitators: a dialog to rename, reschedule or change the length, and to
 * cancel the meeting or restore a cancelled one. What was done is announced beside the button.
 */
export function EditMeetingButton({
  meeting,
  onChange,
}: {
  meeting: Meeting
  onChange: (meeting: Meeting) => void
}) {
  const cancelTitleId = useId()
  const titleRef = useRef<HTMLInputElement>(null)
  const [open, setOpen] = useState(false)
  const [done, setDone] = useState('')
  const cancellation = useAction()
  const cancelled = meeting.cancelledAt !== null

  const finish = (saved: Meeting | null, message: string) => {
    if (saved) onChange(saved)
    setDone(saved ? message : '')
    setOpen(false)
  }

  const setCancelled = async (value: boolean) => {
    const outcome = await cancellation.run(() => updateMeeting(meeting.id, { cancelled: value }))
    if (outcome.ok) {
      finish(outcome.value.meeting, value ? 'The meeting is cancelled.' : 'The meeting is on again.')
    }
  }

  return (
    <>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => {
          setDone('')
          cancellation.clearError()
          setOpen(true)
        }}
      >
        Edit meeting
      </button>
      <p className="success-note" role="status">
        {done}
      </p>
      <Dialog
        open={open}
        title="Edit meeting"
        onClose={() => setOpen(false)}
        initialFocus={titleRef}
        className="edit-meeting"
      >
        <EditMeetingForm
          meeting={meeting}
          titleRef={titleRef}
          onSaved={(saved) => finish(saved, 'Saved the changes.')}
        />
        <section className="dialog__body edit-meeting__cancel" aria-labelledby={cancelTitleId}>
          <h3 id={cancelTitleId}>{cancelled ? 'Cancelled' : 'Cancel the meeting'}</h3>
          <p className="hint">
            {cancelled
              ? 'Everyone sees this meeting as cancelled. Restore it if it takes place after all.'
              : 'It stays listed, marked as cancelled, with its agenda and notes. You can restore it later.'}
          </p>
          {cancellation.error && (
            <p className="error" role="alert">
              {cancellation.error.message}
            </p>
          )}
          <button
            type="button"
            className={cancelled ? 'button button--secondary' : 'button button--danger'}
            disabled={cancellation.pending}
            onClick={() => void setCancelled(!cancelled)}
          >
            {cancelled ? 'Restore this meeting' : 'Cancel this meeting'}
          </button>
        </section>
      </Dialog>
    </>
  )
}

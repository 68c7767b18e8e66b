import type { Meeting } from '@confer/api'
import { type FormEvent, type RefObject, useRef, useState } from 'react'
import { type MeetingChanges, updateMeeting } from '../api/endpoints.ts'
import { loadSchemas, usePreloadSchemas } from '../api/schemas.ts'
import { Field } from '../ui/Field.tsx'
import { type FieldErrors, fieldErrors, showFieldErrors } from '../ui/form-errors.ts'
import { fromLocalInputs, toLocalInputs } from '../ui/local-date-time.ts'
import { MEETING_TIME_ERRORS, MeetingTimeFields } from '../ui/MeetingTimeFields.tsx'
import { useAction } from '../ui/useAction.ts'

type EditField = 'title' | 'date' | 'time' | 'durationMinutes'

/**
 * Rename, reschedule or change the length of a meeting; only what was changed is sent. A meeting
 * that has started keeps its start (SPEC M2), so its date and time are shown but fixed.
 */
export function EditMeetingForm({
  meeting,
  titleRef,
  onSaved,
}: {
  meeting: Meeting
  /** The title field, which the dialog focuses when it opens. */
  titleRef: RefObject<HTMLInputElement | null>
  /** With the meeting as saved, or null when nothing was changed. */
  onSaved: (meeting: Meeting | null) => void
}) {
  usePreloadSchemas()
  const formRef = useRef<HTMLFormElement>(null)
  const [initial] = useState(() => ({
    title: meeting.title,
    ...toLocalInputs(meeting.startsAt),
    duration: String(meeting.durationMinutes),
  }))
  const [values, setValues] = useState(initial)
  const [errors, setErrors] = useState<FieldErrors<EditField>>({})
  const action = useAction()
  const started = Date.parse(meeting.startsAt) <= Date.now()
  const moved = !started && (values.date !== initial.date || values.time !== initial.time)
  const startsAt = fromLocalInputs(values.date, values.time)

  const change = (field: keyof typeof values, value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }))
    setErrors({})
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const changes: MeetingChanges = {}
    if (values.title.trim() !== meeting.title) changes.title = values.title
    if (moved && startsAt) changes.startsAt = startsAt
    if (values.duration !== initial.duration) changes.durationMinutes = Number(values.duration)
    const parsed = (await loadSchemas()).UpdateMeetingBody.safeParse(changes)
    if ((moved && !startsAt) || (!parsed.success && Object.keys(changes).length > 0)) {
      const found = parsed.success ? {} : fieldErrors<EditField>(parsed.error)
      showFieldErrors(
        setErrors,
        {
          title: found.title,
          date: moved && !values.date ? MEETING_TIME_ERRORS.date : undefined,
          time: moved && values.date && !startsAt ? MEETING_TIME_ERRORS.time : undefined,
          durationMinutes: found.durationMinutes && MEETING_TIME_ERRORS.durationMinutes,
        },
        formRef.current,
      )
      return
    }
    if (!parsed.success) {
      // Nothing was changed: nothing to send.
      onSaved(null)
      return
    }
    const outcome = await action.run(() => updateMeeting(meeting.id, parsed.data))
    if (outcome.ok) onSaved(outcome.value.meeting)
  }

  return (
    <form ref={formRef} className="stack-form dialog__body" onSubmit={onSubmit} noValidate>
      <Field label="Title" error={errors.title}>
        {(control) => (
          <input
            {...control}
            ref={titleRef}
            type="text"
            maxLength={200}
            value={values.title}
            onChange={(e) => change('title', e.target.value)}
          />
        )}
      </Field>
      {started && (
        <p className="hint">This meeting has started, so its date and start time stay as they are.</p>
      )}
      <MeetingTimeFields
        className="edit-meeting__when"
        values={values}
        errors={errors}
        onChange={change}
        startFixed={started}
        warnIfPast={moved}
      />
      {action.error && (
        <p className="error" role="alert">
          {action.error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={action.pending}>
          {action.pending ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  )
}

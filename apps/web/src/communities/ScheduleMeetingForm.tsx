import type { Meeting } from '@confer/api'
import { type FormEvent, useRef, useState } from 'react'
import { createMeeting } from '../api/endpoints.ts'
import { loadSchemas, usePreloadSchemas } from '../api/schemas.ts'
import { Link } from '../app/Link.tsx'
import { Field } from '../ui/Field.tsx'
import { type FieldErrors, fieldErrors, showFieldErrors } from '../ui/form-errors.ts'
import { useAction } from '../ui/useAction.ts'

type MeetingField = 'title' | 'date' | 'time' | 'durationMinutes'

const pad = (n: number) => String(n).padStart(2, '0')

/** Today, and the next full hour, in the browser's own time zone. */
function defaults(): { date: string; time: string } {
  const next = new Date()
  next.setHours(next.getHours() + 1, 0, 0, 0)
  return {
    date: `${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}`,
    time: `${pad(next.getHours())}:00`,
  }
}

/** A local date and time as an ISO instant; null when either is missing or impossible. */
function startsAt(date: string, time: string): string | null {
  if (!date || !time) return null
  const local = new Date(`${date}T${time}`)
  return Number.isNaN(local.getTime()) ? null : local.toISOString()
}

export function ScheduleMeetingForm({
  communityId,
  onCreated,
}: {
  communityId: string
  onCreated: () => void
}) {
  usePreloadSchemas()
  const formRef = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState(() => ({ title: '', ...defaults(), duration: '60' }))
  const [errors, setErrors] = useState<FieldErrors<MeetingField>>({})
  const [created, setCreated] = useState<Meeting | null>(null)
  const action = useAction()

  const change = (field: keyof typeof values, value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }))
    setErrors({})
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setCreated(null)
    const start = startsAt(values.date, values.time)
    const parsed = (await loadSchemas()).CreateMeetingBody.safeParse({
      title: values.title,
      startsAt: start ?? '',
      durationMinutes: Number(values.duration),
    })
    if (!start || !parsed.success) {
      const found = parsed.success ? {} : fieldErrors<MeetingField | 'startsAt'>(parsed.error)
      showFieldErrors(
        setErrors,
        {
          title: found.title,
          date: values.date ? undefined : 'Choose a date.',
          time: start || !values.date ? undefined : 'Choose a start time.',
          durationMinutes: found.durationMinutes && 'A meeting lasts from 5 to 480 minutes.',
        },
        formRef.current,
      )
      return
    }
    const outcome = await action.run(() => createMeeting(communityId, parsed.data))
    if (!outcome.ok) return
    setCreated(outcome.value.meeting)
    setValues((prev) => ({ ...prev, title: '' }))
    onCreated()
  }

  return (
    <form
      ref={formRef}
      className="stack-form schedule-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="schedule-title"
    >
      <h3 id="schedule-title">Schedule a meeting</h3>
      <Field label="Title" error={errors.title}>
        {(control) => (
          <input
            {...control}
            type="text"
            value={values.title}
            onChange={(e) => change('title', e.target.value)}
          />
        )}
      </Field>
      <div className="schedule-form__when">
        <Field label="Date" error={errors.date}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={values.date}
              onChange={(e) => change('date', e.target.value)}
            />
          )}
        </Field>
        <Field label="Start time" error={errors.time}>
          {(control) => (
            <input
              {...control}
              type="time"
              value={values.time}
              onChange={(e) => change('time', e.target.value)}
            />
          )}
        </Field>
        <Field label="Length (minutes)" error={errors.durationMinutes}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={5}
              max={480}
              step={5}
              inputMode="numeric"
              value={values.duration}
              onChange={(e) => change('duration', e.target.value)}
            />
          )}
        </Field>
      </div>
      {action.error && (
        <p className="error" role="alert">
          {action.error.message}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={action.pending}>
        {action.pending ? 'Scheduling…' : 'Schedule meeting'}
      </button>
      <p className="success-note" role="status">
        {created && (
          <>
            Scheduled: <Link to={`/m/${created.id}`}>{created.title}</Link>
          </>
        )}
      </p>
    </form>
  )
}

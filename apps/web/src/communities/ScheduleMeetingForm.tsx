import type { Meeting } from '@confer/api'
import { type FormEvent, useRef, useState } from 'react'
import { createMeeting, createSeries, deleteTemplate, listTemplates } from '../api/endpoints.ts'
import { loadSchemas, usePreloadSchemas } from '../api/schemas.ts'
import { useApi } from '../api/useApi.ts'
import { Link } from '../routing/Link.tsx'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { Field } from '../ui/Field.tsx'
import { type FieldErrors, fieldErrors, showFieldErrors } from '../ui/form-errors.ts'
import { MEETING_TIME_ERRORS, MeetingTimeFields } from '../ui/MeetingTimeFields.tsx'
import { useAction } from '../ui/useAction.ts'
import { TemplateSelect } from './TemplateSelect.tsx'
import { weeklyStarts } from './weekly-series.ts'

type MeetingField = 'title' | 'date' | 'time' | 'durationMinutes' | 'weeks'

const MAX_WEEKS = 26
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

interface Scheduled {
  first: Meeting
  count: number
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
  const [values, setValues] = useState(() => ({
    title: '',
    ...defaults(),
    duration: '60',
    templateId: '',
    repeat: false,
    weeks: '6',
  }))
  const [errors, setErrors] = useState<FieldErrors<MeetingField>>({})
  const [scheduled, setScheduled] = useState<Scheduled | null>(null)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const action = useAction()
  const removal = useAction()
  const templates = useApi(`templates:${communityId}`, (signal) =>
    listTemplates(communityId, signal).then((answer) => answer.templates),
  )
  const chosen = templates.data?.find((t) => t.id === values.templateId)

  const change = <K extends keyof typeof values>(field: K, value: (typeof values)[K]) => {
    setValues((prev) => ({ ...prev, [field]: value }))
    setErrors({})
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setScheduled(null)
    const weeks = values.repeat ? Number(values.weeks) : 1
    const weeksValid = Number.isInteger(weeks) && weeks >= 1 && weeks <= MAX_WEEKS
    const starts = weeksValid ? weeklyStarts(values.date, values.time, weeks) : null
    const templateId = chosen ? chosen.id : undefined
    const parsed = (await loadSchemas()).CreateMeetingBody.safeParse({
      title: values.title,
      startsAt: starts?.[0] ?? '',
      durationMinutes: Number(values.duration),
      ...(templateId ? { templateId } : {}),
    })
    if (!starts || !parsed.success) {
      const found = parsed.success ? {} : fieldErrors<MeetingField | 'startsAt'>(parsed.error)
      showFieldErrors(
        setErrors,
        {
          title: found.title,
          date: values.date ? undefined : MEETING_TIME_ERRORS.date,
          time: starts || !values.date || !weeksValid ? undefined : MEETING_TIME_ERRORS.time,
          durationMinutes: found.durationMinutes && MEETING_TIME_ERRORS.durationMinutes,
          weeks: weeksValid ? undefined : `Repeat for 2 to ${MAX_WEEKS} weeks.`,
        },
        formRef.current,
      )
      return
    }
    const body = parsed.data
    const outcome = await action.run(async () => {
      if (starts.length === 1) return [(await createMeeting(communityId, body)).meeting]
      return (await createSeries(communityId, { ...body, startsAt: starts })).meetings
    })
    if (!outcome.ok) return
    const [first] = outcome.value
    if (first) setScheduled({ first, count: outcome.value.length })
    setValues((prev) => ({ ...prev, title: '' }))
    onCreated()
  }

  const removeTemplate = async () => {
    if (!chosen) return
    const outcome = await removal.run(() => deleteTemplate(communityId, chosen.id))
    if (!outcome.ok) return
    setConfirmDelete(false)
    change('templateId', '')
    templates.reload()
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
      <MeetingTimeFields
        className="schedule-form__when"
        values={values}
        errors={errors}
        onChange={change}
        warnIfPast
      />
      <TemplateSelect
        templates={templates.data}
        value={values.templateId}
        onChange={(id) => change('templateId', id)}
        loadFailed={templates.error !== null}
      />
      {chosen && !chosen.builtIn && (
        <button
          type="button"
          className="button button--quiet button--small schedule-form__delete"
          onClick={() => setConfirmDelete(true)}
        >
          Delete the template “{chosen.name}”
        </button>
      )}
      <div className="schedule-form__repeat">
        <label className="checkbox-label">
          <input
            type="checkbox"
            checked={values.repeat}
            onChange={(e) => change('repeat', e.target.checked)}
          />
          Repeat weekly
        </label>
        {values.repeat && (
          <Field label="Number of weeks" hint="Same weekday and time each week." error={errors.weeks}>
            {(control) => (
              <input
                {...control}
                type="number"
                min={2}
                max={MAX_WEEKS}
                inputMode="numeric"
                value={values.weeks}
                onChange={(e) => change('weeks', e.target.value)}
              />
            )}
          </Field>
        )}
      </div>
      {action.error && (
        <p className="error" role="alert">
          {action.error.message}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={action.pending}>
        {action.pending ? 'Scheduling…' : values.repeat ? 'Schedule meetings' : 'Schedule meeting'}
      </button>
      <p className="success-note" role="status">
        {scheduled &&
          (scheduled.count === 1 ? (
            <>
              Scheduled: <Link to={`/m/${scheduled.first.id}`}>{scheduled.first.title}</Link>
            </>
          ) : (
            <>
              Scheduled {scheduled.count} weekly meetings, starting with{' '}
              <Link to={`/m/${scheduled.first.id}`}>{scheduled.first.title}</Link>
            </>
          ))}
      </p>
      <ConfirmDialog
        open={confirmDelete}
        title="Delete this template?"
        confirmLabel="Delete template"
        danger
        pending={removal.pending}
        error={removal.error?.message}
        onConfirm={() => void removeTemplate()}
        onCancel={() => {
          removal.clearError()
          setConfirmDelete(false)
        }}
      >
        <p>
          “{chosen?.name}” will no longer be offered when scheduling. Meetings already scheduled with it keep
          their agendas.
        </p>
      </ConfirmDialog>
    </form>
  )
}

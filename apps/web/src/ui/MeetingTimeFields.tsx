import { Field } from './Field.tsx'
import type { FieldErrors } from './form-errors.ts'
import { fromLocalInputs } from './local-date-time.ts'
import { PastDateWarning } from './PastDateWarning.tsx'

/** When a meeting starts and how long it lasts, as the form's inputs hold them. */
export interface MeetingTime {
  date: string
  time: string
  duration: string
}

/** What each of the fields says when it is wrong: the same words wherever a meeting is timed. */
export const MEETING_TIME_ERRORS = {
  date: 'Choose a date.',
  time: 'Choose a start time.',
  durationMinutes: 'A meeting lasts from 5 to 480 minutes.',
} as const

interface Props {
  values: MeetingTime
  /** Named as the API names them, so a schema's errors can be passed on as they are. */
  errors: FieldErrors<'date' | 'time' | 'durationMinutes'>
  onChange: (field: keyof MeetingTime, value: string) => void
  /** Lays the three fields out (each form places them in its own grid). */
  className: string
  /** A started meeting keeps its start (SPEC M2): date and time are shown but fixed. */
  startFixed?: boolean
  /** Warn, never block, when the date and time are already past (an edit warns once they move). */
  warnIfPast: boolean
}

/** Date, start time and length of a meeting, and the past-date warning: for scheduling and editing. */
export function MeetingTimeFields({ values, errors, onChange, className, startFixed, warnIfPast }: Props) {
  return (
    <>
      <div className={className}>
        <Field label="Date" error={errors.date}>
          {(control) => (
            <input
              {...control}
              type="date"
              disabled={startFixed}
              value={values.date}
              onChange={(e) => onChange('date', e.target.value)}
            />
          )}
        </Field>
        <Field label="Start time" error={errors.time}>
          {(control) => (
            <input
              {...control}
              type="time"
              disabled={startFixed}
              value={values.time}
              onChange={(e) => onChange('time', e.target.value)}
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
              onChange={(e) => onChange('duration', e.target.value)}
            />
          )}
        </Field>
      </div>
      <PastDateWarning startsAt={warnIfPast ? fromLocalInputs(values.date, values.time) : null} />
    </>
  )
}

import type { AttendanceEntry } from '@confer/api'
import { useEffect, useId, useState } from 'react'
import { getAttendance, setAttendance } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import type { Participant } from '../collab/usePresence.ts'
import { LoadError } from '../ui/LoadError.tsx'
import { useAction } from '../ui/useAction.ts'

interface Props {
  meetingId: string
  canCorrect: boolean
  present: Participant[]
}

/** The server records attendance when someone opens the meeting: refresh shortly after people arrive. */
const REFRESH_AFTER_ARRIVAL_MS = 1_500

const STATUS: Record<string, string> = { true: 'Present', false: 'Absent', null: 'Not seen' }

/**
 * Who attended: everyone who opened the meeting counts as present; facilitators correct it
 * (someone in the room without a laptop, a colleague who only glanced in).
 */
export function AttendancePanel({ meetingId, canCorrect, present }: Props) {
  const headingId = useId()
  const attendance = useApi(`attendance:${meetingId}`, (signal) =>
    getAttendance(meetingId, signal).then((answer) => answer.attendance),
  )
  const { reload } = attendance
  const here = [...new Set(present.flatMap((p) => (p.userId ? [p.userId] : [])))].sort().join(',')
  useEffect(() => {
    if (!here) return
    const timer = setTimeout(reload, REFRESH_AFTER_ARRIVAL_MS)
    return () => clearTimeout(timer)
  }, [here, reload])

  const list = attendance.data
  const count = list?.filter((entry) => entry.present === true).length ?? 0
  return (
    // Opening it asks again: a facilitator may have corrected it since.
    <details className="panel attendance" onToggle={(event) => event.currentTarget.open && reload()}>
      <summary id={headingId} className="attendance__summary panel__title">
        Attendance{' '}
        {list && (
          <span className="panel__count">
            ({count} of {list.length} present)
          </span>
        )}
      </summary>
      {list ? (
        <ul className="attendance__list" aria-labelledby={headingId}>
          {list.map((entry) => (
            <AttendanceRow
              key={entry.userId}
              meetingId={meetingId}
              entry={entry}
              canCorrect={canCorrect}
              onSaved={attendance.setData}
            />
          ))}
        </ul>
      ) : attendance.error ? (
        <LoadError error={attendance.error} what="attendance" onRetry={reload} />
      ) : (
        <p className="muted">Loading attendance…</p>
      )}
    </details>
  )
}

function AttendanceRow({
  meetingId,
  entry,
  canCorrect,
  onSaved,
}: {
  meetingId: string
  entry: AttendanceEntry
  canCorrect: boolean
  onSaved: (list: AttendanceEntry[]) => void
}) {
  const action = useAction()
  const [error, setError] = useState<string | null>(null)
  const status = STATUS[String(entry.present)] ?? 'Not seen'
  const source =
    entry.source === 'manual'
      ? 'marked by a facilitator'
      : entry.source === 'presence'
        ? 'opened the meeting'
        : null
  const change = async (value: string) => {
    setError(null)
    const outcome = await action.run(() =>
      setAttendance(meetingId, { userId: entry.userId, present: value === 'true' }),
    )
    if (outcome.ok) onSaved(outcome.value.attendance)
    else setError('Could not save. Try again.')
  }
  return (
    <li className="attendance__row" data-present={String(entry.present)}>
      <span className="attendance__name">{entry.name}</span>
      {entry.guest && <span className="role-tag">Network guest</span>}
      {canCorrect ? (
        <select
          aria-label={`Attendance of ${entry.name}`}
          value={String(entry.present)}
          disabled={action.pending}
          onChange={(event) => void change(event.target.value)}
        >
          {entry.present === null && <option value="null">Not seen</option>}
          <option value="true">Present</option>
          <option value="false">Absent</option>
        </select>
      ) : (
        <span className="attendance__status">{status}</span>
      )}
      {source && <span className="attendance__source">{source}</span>}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </li>
  )
}

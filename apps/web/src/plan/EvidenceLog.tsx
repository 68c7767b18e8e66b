import { addEvidence, PLAN_LIMITS, type PlanEvidence, type PlanSnapshot, removeEvidence } from '@confer/model'
import { useState } from 'react'
import type * as Y from 'yjs'
import { listMeetings } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import { Link } from '../routing/Link.tsx'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { formatCalendarDate } from '../ui/format.ts'
import { EvidenceForm } from './EvidenceForm.tsx'

interface Props {
  communityId: string
  doc: Y.Doc
  plan: PlanSnapshot
  editable: boolean
  /**
   * Whether entries link to the meeting they were recorded in. False for network guests shown
   * the plan (SPEC G8): they cannot open the community's meetings or list them.
   */
  linkMeetings?: boolean
}

/** The evidence log, newest first: what was tried, what it showed, a number, and the meeting it came from. */
export function EvidenceLog({ communityId, doc, plan, editable, linkMeetings = true }: Props) {
  const [removing, setRemoving] = useState<PlanEvidence | null>(null)
  // Entries recorded in a meeting link back to it by its title.
  const meetings = useApi(linkMeetings ? `meetings:${communityId}` : null, (signal) =>
    listMeetings(communityId, signal),
  )
  const titleOf = new Map(meetings.data?.meetings.map((m) => [m.id, m.title]) ?? [])
  const goalNumber = new Map(plan.goals.map((goal, index) => [goal.id, index + 1]))
  const entries = plan.evidence
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => b.entry.date.localeCompare(a.entry.date) || b.order - a.order)
    .map(({ entry }) => entry)

  return (
    <section className="card plan-section" aria-labelledby="evidence-title">
      <h2 id="evidence-title">Evidence log</h2>
      <p className="hint">
        What we tried and what it showed. An entry with a goal and a number is a point on that goal’s progress
        line.
      </p>
      {editable && (
        <EvidenceForm
          goals={plan.goals}
          full={plan.evidence.length >= PLAN_LIMITS.evidence}
          onAdd={(input) => addEvidence(doc, input)}
        />
      )}
      {entries.length === 0 ? (
        <p className="notice">No evidence recorded yet.</p>
      ) : (
        <div className="evidence-table">
          <table>
            <caption className="visually-hidden">Evidence, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Goal</th>
                <th scope="col">What we tried</th>
                <th scope="col">What it showed</th>
                <th scope="col">Number</th>
                {linkMeetings && <th scope="col">Meeting</th>}
                {editable && (
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const goal = entry.goalId ? goalNumber.get(entry.goalId) : undefined
                return (
                  <tr key={entry.id}>
                    <td>{formatCalendarDate(entry.date)}</td>
                    <td>{entry.goalId ? (goal ? `Goal ${goal}` : 'A removed goal') : '—'}</td>
                    <td className="evidence-table__text">{entry.tried}</td>
                    <td className="evidence-table__text">{entry.showed}</td>
                    <td>{entry.value ?? '—'}</td>
                    {linkMeetings && (
                      <td>
                        {entry.meetingId ? (
                          <Link to={`/m/${entry.meetingId}${entry.itemId ? `#item-${entry.itemId}` : ''}`}>
                            {titleOf.get(entry.meetingId) ?? 'A meeting'}
                          </Link>
                        ) : (
                          '—'
                        )}
                      </td>
                    )}
                    {editable && (
                      <td>
                        <button
                          type="button"
                          className="button button--quiet button--small"
                          aria-label={`Remove the evidence of ${formatCalendarDate(entry.date)}${entry.tried ? `: ${entry.tried}` : ''}`}
                          onClick={() => setRemoving(entry)}
                        >
                          Remove
                        </button>
                      </td>
                    )}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={removing !== null}
        title="Remove this evidence?"
        confirmLabel="Remove evidence"
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) removeEvidence(doc, removing.id)
          setRemoving(null)
        }}
      >
        <p>
          The entry of {removing ? formatCalendarDate(removing.date) : ''} will be removed for everyone, and
          its number from the goal’s progress line.
        </p>
      </ConfirmDialog>
    </section>
  )
}

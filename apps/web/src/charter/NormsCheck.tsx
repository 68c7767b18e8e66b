import type { NormsCheckSummary } from '@confer/api'
import { type FormEvent, useState } from 'react'
import { useApi } from '../api/useApi.ts'
import { useAction } from '../ui/useAction.ts'
import { getNormsCheck, submitNormsCheck } from './charter-api.ts'

type Draft = Record<string, { rating: number | null; comment: string }>

const SCALE = [1, 2, 3, 4, 5] as const

/** The closing reflection: each member rates how the team lived each norm, then sees the results. */
export function NormsCheck({ meetingId, canRate }: { meetingId: string; canRate: boolean }) {
  const check = useApi(`norms-check:${meetingId}`, (signal) => getNormsCheck(meetingId, signal))
  const [editing, setEditing] = useState(false)
  return (
    <section className="norms-check" aria-labelledby="norms-check-title">
      <h3 id="norms-check-title">Norms check</h3>
      <p className="hint">At the close: how well did we live each norm today? 1 = not at all, 5 = fully.</p>
      {check.error && !check.data && (
        <p className="error">Could not load the norms check. {check.error.message}</p>
      )}
      {!check.data && !check.error && <p className="notice">Loading the norms check…</p>}
      {check.data &&
        (canRate && (editing || check.data.mine.length === 0) ? (
          <NormsCheckForm
            meetingId={meetingId}
            summary={check.data}
            onDone={(summary) => {
              check.setData(summary)
              setEditing(false)
            }}
          />
        ) : (
          <NormsCheckResults summary={check.data} onChange={canRate ? () => setEditing(true) : null} />
        ))}
    </section>
  )
}

/**
 * The norms check for a network guest (SPEC G4): they cannot open the host's charter, so the norms
 * come with the check itself; nothing shows while the host has no norms.
 */
export function GuestNormsCheck({ meetingId, canRate }: { meetingId: string; canRate: boolean }) {
  const check = useApi(`norms-check:${meetingId}`, (signal) => getNormsCheck(meetingId, signal))
  if (check.data?.norms.length === 0) return null
  return (
    <div className="card norms-panel">
      <NormsCheck meetingId={meetingId} canRate={canRate} />
    </div>
  )
}

function NormsCheckForm(props: {
  meetingId: string
  summary: NormsCheckSummary
  onDone: (s: NormsCheckSummary) => void
}) {
  const { meetingId, summary, onDone } = props
  const [draft, setDraft] = useState<Draft>(() =>
    Object.fromEntries(
      summary.norms.map((norm) => {
        const mine = summary.mine.find((m) => m.normId === norm.normId)
        return [norm.normId, { rating: mine?.rating ?? null, comment: mine?.comment ?? '' }]
      }),
    ),
  )
  const action = useAction()
  const set = (normId: string, patch: Partial<Draft[string]>) =>
    setDraft((prev) => ({ ...prev, [normId]: { rating: null, comment: '', ...prev[normId], ...patch } }))
  const ratings = summary.norms.flatMap((norm) => {
    const entry = draft[norm.normId]
    if (!entry?.rating) return []
    const comment = entry.comment.trim()
    return [{ normId: norm.normId, rating: entry.rating, ...(comment ? { comment } : {}) }]
  })
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (ratings.length === 0) return
    const outcome = await action.run(() => submitNormsCheck(meetingId, ratings))
    if (outcome.ok) onDone(outcome.value)
  }
  return (
    <form className="norms-check__form" onSubmit={(event) => void submit(event)}>
      {summary.norms.map((norm, index) => (
        <fieldset key={norm.normId} className="norms-check__norm">
          <legend>{norm.text}</legend>
          <div className="rating" role="radiogroup" aria-label={`Rating for norm ${index + 1}`}>
            {SCALE.map((value) => (
              <label key={value} className="rating__option">
                <input
                  type="radio"
                  name={`rating-${norm.normId}`}
                  value={value}
                  checked={draft[norm.normId]?.rating === value}
                  onChange={() => set(norm.normId, { rating: value })}
                />
                <span>{value}</span>
              </label>
            ))}
          </div>
          <label className="norms-check__comment">
            Comment (optional)
            <input
              value={draft[norm.normId]?.comment ?? ''}
              maxLength={1000}
              onChange={(event) => set(norm.normId, { comment: event.target.value })}
            />
          </label>
        </fieldset>
      ))}
      {action.error && (
        <p className="error" role="alert">
          {action.error.message}
        </p>
      )}
      <button
        type="submit"
        className="button button--primary"
        disabled={action.pending || ratings.length === 0}
      >
        Submit ratings
      </button>
    </form>
  )
}

function NormsCheckResults({
  summary,
  onChange,
}: {
  summary: NormsCheckSummary
  onChange: (() => void) | null
}) {
  return (
    <div className="norms-check__results" aria-live="polite">
      <p>
        {summary.respondents} {summary.respondents === 1 ? 'person has' : 'people have'} rated the norms.
      </p>
      <table className="norms-check__table">
        <caption className="visually-hidden">Norms check results</caption>
        <thead>
          <tr>
            <th scope="col">Norm</th>
            <th scope="col">Average</th>
            <th scope="col">Ratings</th>
            <th scope="col">Comments</th>
          </tr>
        </thead>
        <tbody>
          {summary.norms.map((norm) => (
            <tr key={norm.normId}>
              <th scope="row">{norm.text}</th>
              <td>{norm.average === null ? '—' : `${norm.average.toFixed(1)} / 5`}</td>
              <td>{norm.count}</td>
              <td>
                {norm.comments.length === 0 ? (
                  '—'
                ) : (
                  <ul className="norms-check__comments">
                    {norm.comments.map((comment, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: comments have no id and never reorder
                      <li key={i}>{comment}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {onChange && (
        <button type="button" className="button button--secondary button--small" onClick={onChange}>
          Change my ratings
        </button>
      )}
    </div>
  )
}

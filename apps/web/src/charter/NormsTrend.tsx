import type { NormsTrend } from '@confer/api'
import { useApi } from '../api/useApi.ts'
import { formatDate } from '../ui/format.ts'
import { getNormsTrend } from './charter-api.ts'

type TrendNorm = NormsTrend['norms'][number]

/** How the team rated each norm at the close of its meetings, over time. */
export function NormsTrendSection({ communityId }: { communityId: string }) {
  const trend = useApi(`norms-trend:${communityId}`, (signal) => getNormsTrend(communityId, signal))
  const norms = trend.data?.norms.filter((norm) => norm.points.length > 0) ?? []
  return (
    <section className="card charter-section charter-trend" aria-labelledby="trend-title">
      <h2 id="trend-title">How we live our norms</h2>
      <p className="hint">Average ratings (1–5) from the norms check at the end of each meeting.</p>
      {trend.error && <p className="error">Could not load the ratings. {trend.error.message}</p>}
      {!trend.data && !trend.error && <p className="notice">Loading ratings…</p>}
      {trend.data && norms.length === 0 && (
        <p className="notice">No ratings yet. They appear after a meeting’s norms check.</p>
      )}
      {norms.length > 0 && (
        <ul className="trend-list">
          {norms.map((norm) => (
            <li key={norm.normId}>
              <TrendChart norm={norm} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

const WIDTH = 240
const HEIGHT = 60
const PAD = 6

function TrendChart({ norm }: { norm: TrendNorm }) {
  const { points } = norm
  const x = (i: number) =>
    points.length === 1 ? WIDTH / 2 : PAD + (i * (WIDTH - 2 * PAD)) / (points.length - 1)
  const y = (avg: number) => PAD + ((5 - avg) * (HEIGHT - 2 * PAD)) / 4
  const path = points.map((p, i) => `${x(i).toFixed(1)},${y(p.average).toFixed(1)}`).join(' ')
  const last = points[points.length - 1]
  const titleId = `trend-${norm.normId}-title`
  const descId = `trend-${norm.normId}-desc`
  return (
    <figure className="trend">
      <figcaption className="trend__norm">{norm.text}</figcaption>
      <svg
        className="trend__chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
      >
        <title id={titleId}>Average rating of “{norm.text}” per meeting</title>
        <desc id={descId}>
          {points.length} meeting{points.length === 1 ? '' : 's'}; latest average {last?.average.toFixed(1)}{' '}
          of 5.
        </desc>
        <line className="trend__axis" x1={PAD} x2={WIDTH - PAD} y1={y(3)} y2={y(3)} />
        <polyline className="trend__line" points={path} />
        {points.map((p, i) => (
          <circle key={p.meetingId} className="trend__dot" cx={x(i)} cy={y(p.average)} r={3} />
        ))}
      </svg>
      <details className="trend__table">
        <summary>Show as a table</summary>
        <table>
          <caption className="visually-hidden">Ratings of “{norm.text}”</caption>
          <thead>
            <tr>
              <th scope="col">Meeting</th>
              <th scope="col">Date</th>
              <th scope="col">Average</th>
              <th scope="col">Ratings</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.meetingId}>
                <th scope="row">{p.title}</th>
                <td>{formatDate(p.startsAt)}</td>
                <td>{p.average.toFixed(1)}</td>
                <td>{p.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}

import type { RunState } from '@confer/model'
import { useId } from 'react'

interface Props {
  run: RunState
  speakers: readonly string[]
  nameOf: (userId: string, position: number) => string
}

/** The go-round order as everyone sees it (members, observers, guests); the facilitator edits it. */
export function GoRoundList({ run, speakers, nameOf }: Props) {
  const headingId = useId()
  const live = run.state === 'running' || run.state === 'paused'
  return (
    <section className="go-round go-round--read-only" aria-labelledby={headingId}>
      <h3 id={headingId} className="go-round__title">
        Go-round
      </h3>
      {speakers.length === 0 ? (
        <p className="muted">The facilitator has not set a go-round order.</p>
      ) : (
        <ol className="go-round__list">
          {speakers.map((userId, index) => {
            const now = live && index === run.speaker
            return (
              <li key={userId} className="go-round__person" aria-current={now ? 'true' : undefined}>
                <span className="go-round__name">
                  {nameOf(userId, index)}
                  {now && <span className="go-round__now"> (speaking now)</span>}
                </span>
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}

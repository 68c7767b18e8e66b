import type { MeetingView } from '@confer/api'
import { lazy, Suspense, useId } from 'react'
import { useServerClock } from './useServerClock.ts'

// The round needs the sync libraries, which the meeting page loads anyway for the notes.
const FacilitationPanel = lazy(() => import('./FacilitationPanel.tsx'))

/**
 * The meeting page's "Protocol" strip: one line (step, countdown, who speaks, next) that expands
 * to the controls and the go-round. The panel inside decides and remembers which of the two shows.
 */
export function FacilitationSection({ view }: { view: MeetingView }) {
  const headingId = useId()
  // The clock estimate starts now, while the round's code and document are still loading.
  useServerClock()
  return (
    <section className="facilitation-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="facilitation-section__title">
        Protocol
      </h2>
      <Suspense fallback={<p className="muted facilitation-section__loading">Loading the protocol round…</p>}>
        <FacilitationPanel view={view} />
      </Suspense>
    </section>
  )
}

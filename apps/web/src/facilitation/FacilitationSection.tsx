import type { MeetingView } from '@confer/api'
import { lazy, Suspense, useId, useState } from 'react'
import { PageLoading } from '../app/PageLoading.tsx'
import { useServerClock } from './useServerClock.ts'

// The round needs the sync libraries, which the meeting page loads anyway for the notes.
const FacilitationPanel = lazy(() => import('./FacilitationPanel.tsx'))

/** The meeting page's collapsible "Protocol" section (open unless someone folds it away). */
export function FacilitationSection({ view }: { view: MeetingView }) {
  const headingId = useId()
  const bodyId = useId()
  const [open, setOpen] = useState(true)
  // The clock estimate starts now, while the round's code and document are still loading.
  useServerClock()
  return (
    <section className="facilitation-section" aria-labelledby={headingId}>
      <div className="facilitation-section__head">
        <h2 id={headingId} className="facilitation-section__title">
          Protocol
        </h2>
        <button
          type="button"
          className="button button--quiet button--small"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide' : 'Show'}
          <span className="visually-hidden"> the protocol round</span>
        </button>
      </div>
      <div id={bodyId} hidden={!open}>
        <Suspense fallback={<PageLoading label="Loading the protocol round…" />}>
          <FacilitationPanel view={view} />
        </Suspense>
      </div>
    </section>
  )
}

import type { MeetingView } from '@confer/api'
import { lazy, Suspense, useId } from 'react'
import { PageLoading } from '../../../ui/PageLoading.tsx'
import { useStoredChoice } from '../../../ui/useStoredChoice.ts'
import { useSectionProps } from './meeting-layout.ts'

// The plan's charts (recharts) and its document load only once someone unfolds the panel.
const SharedPlan = lazy(() => import('./SharedPlan.tsx'))

/**
 * Targeted networking (SPEC G8): while the meeting shares its community's plan, everyone in it
 * can unfold the plan above the notes, read-only. Folded until opened, so the agenda and notes
 * keep the first screen (L1); the choice is remembered on the device (L6). On a phone it is part
 * of the agenda tab.
 */
export function MeetingPlanPanel({ view }: { view: MeetingView }) {
  const id = useId()
  const [state, setState] = useStoredChoice('confer:layout:plan', ['folded', 'open'], 'folded')
  const open = state === 'open'
  const section = useSectionProps('agenda', true)
  const { guest, communityName } = view
  return (
    <section className="meeting-page__plan meeting-plan" aria-labelledby={`${id}-title`} {...section}>
      <div className="meeting-plan__head">
        <h2 id={`${id}-title`} className="meeting-plan__title">
          Plan
        </h2>
        <p className="meeting-plan__hint">
          {guest
            ? `${communityName} shows you its improvement plan, read-only. Ask your questions in the notes.`
            : 'Our improvement plan is shown, read-only, to the network guests of this meeting.'}
        </p>
        <button
          type="button"
          className="button button--secondary button--small"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => setState(open ? 'folded' : 'open')}
        >
          {open ? 'Hide the plan' : 'Show the plan'}
        </button>
      </div>
      <div id={`${id}-body`} className="meeting-plan__body" hidden={!open}>
        {open && (
          <Suspense fallback={<PageLoading label="Loading the plan…" />}>
            <SharedPlan view={view} />
          </Suspense>
        )}
      </div>
    </section>
  )
}

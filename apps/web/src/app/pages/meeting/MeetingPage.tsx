import type { MeetingView as View } from '@confer/api'
import { isId } from '@confer/model'
import { lazy, Suspense, useEffect, useId, useMemo } from 'react'
import { getMeeting } from '../../../api/endpoints.ts'
import { useApi } from '../../../api/useApi.ts'
import { FacilitationSection } from '../../../facilitation/FacilitationSection.tsx'
import { MeetingHeader } from '../../../meeting/MeetingHeader.tsx'
import { NotFound } from '../../../routing/NotFound.tsx'
import { useDocumentTitle } from '../../../routing/useDocumentTitle.ts'
import { useSearchMarks } from '../../../search/useSearchMarks.ts'
import { LoadError } from '../../../ui/LoadError.tsx'
import { PageLoading } from '../../../ui/PageLoading.tsx'
import { Tabs } from '../../../ui/Tabs.tsx'
import { useMediaQuery } from '../../../ui/useMediaQuery.ts'
import { useStoredChoice } from '../../../ui/useStoredChoice.ts'
import { MeetingPlanPanel } from './MeetingPlanPanel.tsx'
import {
  focusNotes,
  type MeetingLayout,
  MeetingLayoutContext,
  SECTION_LABELS,
  SECTIONS,
  useSectionProps,
} from './meeting-layout.ts'
import './meeting.css'

// The editor and collaboration libraries are most of the bundle: they load only on a meeting,
// starting while the meeting itself is being looked up.
const loadNotes = () => import('./MeetingNotes.tsx')
const MeetingNotes = lazy(loadNotes)
const MeetingCharter = lazy(() => import('../../../charter/MeetingCharter.tsx'))

/** The phone layout: one column, sections as tabs (matches the breakpoint in meeting.css). */
const PHONE = '(max-width: 40rem)'

/**
 * `/m/:meetingId`. The server is asked first whether this person may see the meeting; an
 * unknown or forbidden meeting shows the not-found page and its document is never opened.
 */
export function MeetingPage({ meetingId }: { meetingId: string }) {
  if (!isId(meetingId)) return <NotFound />
  return <MeetingView meetingId={meetingId} />
}

function MeetingView({ meetingId }: { meetingId: string }) {
  useEffect(() => {
    void loadNotes()
  }, [])
  const view = useApi(`meeting:${meetingId}`, (signal) => getMeeting(meetingId, signal))
  useDocumentTitle(view.data?.meeting.title ?? 'Meeting')
  // Opened from a search result: the item in view, the words marked (SPEC Q7).
  useSearchMarks()

  if (view.error?.notFound) return <NotFound />
  if (!view.data) {
    return view.error ? (
      <LoadError error={view.error} what="this meeting" onRetry={view.reload} />
    ) : (
      <PageLoading label="Loading meeting…" />
    )
  }
  return <MeetingLayoutFrame view={view.data} onChange={view.setData} />
}

/**
 * Laptop: the header, a one-line protocol strip, then the agenda with the notes beside a rail of
 * people and action items that stays in view; the norms check closes the page. Phone: the same
 * parts as tabs. Choices (tab, strip, rail) are remembered on the device.
 */
function MeetingLayoutFrame({ view, onChange }: { view: View; onChange: (view: View) => void }) {
  const base = useId()
  const phone = useMediaQuery(PHONE)
  const [tab, showTab] = useStoredChoice('confer:layout:phone-tab', SECTIONS, 'agenda')
  const layout = useMemo<MeetingLayout>(
    () => ({
      phone,
      tab,
      showTab,
      panelId: (section) => `${base}-panel-${section}`,
      tabId: (section) => `${base}-tab-${section}`,
    }),
    [phone, tab, showTab, base],
  )
  return (
    <MeetingLayoutContext.Provider value={layout}>
      <div className="meeting-page" data-layout={phone ? 'phone' : 'columns'}>
        {/* A button, not a link: the target is an editor found at the moment (the item last
            written in), and on a phone its tab has to be shown first. */}
        <button
          type="button"
          className="meeting-page__skip"
          onClick={() => focusNotes(view.meeting.id, layout)}
        >
          Skip to the notes
        </button>
        <MeetingHeader view={view} onChange={onChange} />
        {phone && (
          <Tabs
            label="Parts of this meeting"
            selected={tab}
            onSelect={showTab}
            tabs={SECTIONS.map((id) => ({
              id,
              label: SECTION_LABELS[id],
              tabId: layout.tabId(id),
              panelId: layout.panelId(id),
            }))}
          />
        )}
        <ProtocolStrip view={view} />
        {/* Targeted networking: the community's plan, shown to the meeting's guests (SPEC G8). */}
        {view.meeting.sharesPlan && <MeetingPlanPanel view={view} />}
        <Suspense fallback={<PageLoading label="Loading notes…" />}>
          <MeetingNotes view={view} />
        </Suspense>
        <ClosingStep view={view} />
      </div>
    </MeetingLayoutContext.Provider>
  )
}

function ProtocolStrip({ view }: { view: View }) {
  return (
    <div className="meeting-page__protocol" {...useSectionProps('protocol')}>
      <FacilitationSection view={view} />
    </div>
  )
}

/** The norms check and the notes' history: the meeting's last step, after the agenda. */
function ClosingStep({ view }: { view: View }) {
  return (
    <div className="meeting-page__closing" {...useSectionProps('agenda', true)}>
      <p className="eyebrow">Closing the meeting</p>
      <Suspense fallback={null}>
        <MeetingCharter view={view} />
      </Suspense>
    </div>
  )
}

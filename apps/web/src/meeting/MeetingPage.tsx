import { isId } from '@confer/model'
import { lazy, Suspense, useEffect } from 'react'
import { getMeeting } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import { LoadError } from '../app/LoadError.tsx'
import { NotFound } from '../app/NotFound.tsx'
import { PageLoading } from '../app/PageLoading.tsx'
import { useDocumentTitle } from '../app/useDocumentTitle.ts'
import { FacilitationSection } from '../facilitation/FacilitationSection.tsx'
import { MeetingHeader } from './MeetingHeader.tsx'
import './meeting.css'

// The editor and collaboration libraries are most of the bundle: they load only on a meeting,
// starting while the meeting itself is being looked up.
const loadNotes = () => import('../notes/MeetingNotes.tsx')
const MeetingNotes = lazy(loadNotes)
const MeetingCharter = lazy(() => import('../charter/MeetingCharter.tsx'))

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

  if (view.error?.notFound) return <NotFound />
  if (!view.data) {
    return view.error ? (
      <LoadError error={view.error} what="this meeting" onRetry={view.reload} />
    ) : (
      <PageLoading label="Loading meeting…" />
    )
  }
  return (
    <div className="meeting-page">
      <MeetingHeader view={view.data} onChange={view.setData} />
      <FacilitationSection view={view.data} />
      <Suspense fallback={null}>
        <MeetingCharter view={view.data} />
      </Suspense>
      <Suspense fallback={<PageLoading label="Loading notes…" />}>
        <MeetingNotes view={view.data} />
      </Suspense>
    </div>
  )
}

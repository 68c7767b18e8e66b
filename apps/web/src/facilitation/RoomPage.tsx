import { isId } from '@confer/model'
import { lazy, Suspense, useEffect } from 'react'
import { getMeeting } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import { NotFound } from '../routing/NotFound.tsx'
import { useDocumentTitle } from '../routing/useDocumentTitle.ts'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import { useServerClock } from './useServerClock.ts'
import './room.css'

const RoomView = lazy(() => import('./RoomView.tsx'))

/**
 * `/m/:meetingId/room`: the projector screen. Anyone who may see the meeting may open it; the
 * server answers "not found" for everyone else, and the run document is never opened for them.
 */
export function RoomPage({ meetingId }: { meetingId: string }) {
  if (!isId(meetingId)) return <NotFound />
  return <Room meetingId={meetingId} />
}

/** The room view has no site chrome: the header and page margins step aside while it is shown. */
function useRoomMode(): void {
  useEffect(() => {
    const root = document.documentElement
    root.classList.add('room-mode')
    return () => root.classList.remove('room-mode')
  }, [])
}

function Room({ meetingId }: { meetingId: string }) {
  useRoomMode()
  // The clock estimate starts now, while the meeting and the view's code are still loading.
  useServerClock()
  const view = useApi(`meeting:${meetingId}`, (signal) => getMeeting(meetingId, signal))
  useDocumentTitle(view.data ? `Room view · ${view.data.meeting.title}` : 'Room view')
  if (view.error?.notFound) return <NotFound />
  if (!view.data) {
    return view.error ? (
      <LoadError error={view.error} what="this meeting" onRetry={view.reload} />
    ) : (
      <PageLoading label="Loading the room view…" />
    )
  }
  return (
    <Suspense fallback={<PageLoading label="Loading the room view…" />}>
      <RoomView view={view.data} />
    </Suspense>
  )
}

import { isId, meetingDocumentName } from '@confer/model'
import { useMemo } from 'react'
import { NotFound } from '../app/NotFound.tsx'
import { PageLoading } from '../app/PageLoading.tsx'
import { useDocumentTitle } from '../app/useDocumentTitle.ts'
import { ConnectionBadge } from '../collab/ConnectionBadge.tsx'
import { PresenceList } from '../collab/PresenceList.tsx'
import { useAwarenessUser } from '../collab/useAwarenessUser.ts'
import { useCollabSession } from '../collab/useCollabSession.ts'
import { useConnectionState } from '../collab/useConnectionState.ts'
import { usePresence } from '../collab/usePresence.ts'
import { useIdentity } from '../identity/useIdentity.ts'
import { AgendaNotes } from './AgendaNotes.tsx'
import './notes.css'

/** `/m/:meetingId`: the meeting's agenda, with shared notes under each item. */
export default function NotesPage({ meetingId }: { meetingId: string }) {
  if (!isId(meetingId)) return <NotFound />
  return <MeetingNotes meetingId={meetingId} />
}

function MeetingNotes({ meetingId }: { meetingId: string }) {
  useDocumentTitle('Meeting notes')
  const session = useCollabSession(meetingDocumentName(meetingId))
  const { name, color } = useIdentity()
  const user = useMemo(() => ({ name, color }), [name, color])
  useAwarenessUser(session, user)
  const connection = useConnectionState(session)
  const people = usePresence(session)

  return (
    <div className="notes-page">
      <div className="notes-page__head">
        <div>
          <h1 className="notes-page__title">Meeting notes</h1>
          <p className="notes-page__meta">
            Meeting <code>{meetingId}</code> · share this page’s address to take notes together
          </p>
        </div>
        <ConnectionBadge state={connection} />
      </div>
      <aside className="notes-page__aside" aria-label="People in this meeting">
        <PresenceList people={people} />
      </aside>
      <div className="notes-page__body">
        {session ? (
          <AgendaNotes session={session} user={user} offline={connection === 'offline'} />
        ) : (
          <PageLoading label="Loading notes…" />
        )}
      </div>
    </div>
  )
}

import { PageLoading } from '../app/PageLoading.tsx'
import type { CollabSession } from '../collab/session.ts'
import type { PresenceUser } from '../collab/useAwarenessUser.ts'
import { ItemNotes } from './ItemNotes.tsx'
import { useAgenda } from './useAgenda.ts'
import { useDocumentReady } from './useDocumentReady.ts'

interface AgendaNotesProps {
  session: CollabSession
  user: PresenceUser
  offline: boolean
  /** False for observers and network guests with read-only access. */
  editable: boolean
}

export function AgendaNotes({ session, user, offline, editable }: AgendaNotesProps) {
  const { ready, fromServer } = useDocumentReady(session)
  const agenda = useAgenda(session.doc)

  if (!ready) {
    return (
      <PageLoading label={offline ? 'Waiting for a connection to load these notes…' : 'Loading notes…'} />
    )
  }
  if (agenda.length === 0) {
    return (
      <div className="empty-state">
        <h2>No agenda items yet</h2>
        <p>
          {fromServer
            ? 'This meeting has no agenda items, so there is nowhere to take notes yet.'
            : 'Nothing is stored on this device for this meeting yet.'}
        </p>
      </div>
    )
  }
  return (
    <div className="agenda">
      {agenda.map((item) => (
        <ItemNotes key={item.id} item={item} session={session} user={user} editable={editable} />
      ))}
    </div>
  )
}

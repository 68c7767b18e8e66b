import type { Role } from '@confer/api'
import { meetingDocumentName } from '@confer/model'
import { useMemo } from 'react'
import { PageLoading } from '../app/PageLoading.tsx'
import { useMe } from '../auth/useSession.ts'
import { ConnectionBadge } from '../collab/ConnectionBadge.tsx'
import { colorFor } from '../collab/color.ts'
import { PresenceList } from '../collab/PresenceList.tsx'
import { useAwarenessUser } from '../collab/useAwarenessUser.ts'
import { useCollabSession } from '../collab/useCollabSession.ts'
import { useConnectionState } from '../collab/useConnectionState.ts'
import { useDocumentAccess } from '../collab/useDocumentAccess.ts'
import { usePresence } from '../collab/usePresence.ts'
import { AccessLost } from './AccessLost.tsx'
import { AgendaNotes } from './AgendaNotes.tsx'
import './notes.css'

interface Props {
  meetingId: string
  /** The role the server gave for this meeting; the live connection's own answer wins once known. */
  role: Role
}

/** The meeting's shared notes: agenda items with live editors, who is here, and the connection. */
export default function MeetingNotes({ meetingId, role }: Props) {
  const me = useMe()
  const session = useCollabSession(meetingDocumentName(meetingId))
  // The server shows everyone the account's name; the colour is ours to pick, the same everywhere.
  const user = useMemo(
    () => ({ name: me.user.name, color: colorFor(me.user.id) }),
    [me.user.name, me.user.id],
  )
  useAwarenessUser(session, user)
  const access = useDocumentAccess(session)
  const connection = useConnectionState(session)
  const people = usePresence(session)

  if (access.state === 'refused') return <AccessLost reason={access.reason} />
  const readOnly = access.state === 'granted' ? access.readOnly : role === 'observer'

  return (
    <div className="notes-page">
      <div className="notes-page__bar">
        {readOnly ? (
          <p className="readonly-note">You are following this meeting read-only.</p>
        ) : (
          <p className="notes-page__hint">Everyone here writes in the same notes; they save as you type.</p>
        )}
        <ConnectionBadge state={connection} />
      </div>
      <aside className="notes-page__aside" aria-label="People in this meeting">
        <PresenceList people={people} />
      </aside>
      <div className="notes-page__body">
        {session ? (
          <AgendaNotes
            session={session}
            user={user}
            offline={connection === 'offline'}
            editable={!readOnly}
          />
        ) : (
          <PageLoading label="Loading notes…" />
        )}
      </div>
    </div>
  )
}

import type { MeetingView } from '@confer/api'
import { meetingDocumentName } from '@confer/model'
import { useMemo, useState } from 'react'
import { AccessLost } from '../../../collab/AccessLost.tsx'
import { ConnectionBadge } from '../../../collab/ConnectionBadge.tsx'
import { colorFor } from '../../../collab/color.ts'
import { UpdateRefused } from '../../../collab/UpdateRefused.tsx'
import { useAwarenessUser } from '../../../collab/useAwarenessUser.ts'
import { useCollabSession } from '../../../collab/useCollabSession.ts'
import { useConnectionState } from '../../../collab/useConnectionState.ts'
import { useDocumentAccess } from '../../../collab/useDocumentAccess.ts'
import { useIdle } from '../../../collab/useIdle.ts'
import { usePresence } from '../../../collab/usePresence.ts'
import { useUpdateRefusal } from '../../../collab/useUpdateRefusal.ts'
import { ActionDraftContext, createActionDraftChannel } from '../../../editor/action-draft.ts'
import { documentText } from '../../../history/document-text.ts'
import { useMe } from '../../../session/useSession.ts'
import { PageLoading } from '../../../ui/PageLoading.tsx'
import { MeetingWorkspace } from './MeetingWorkspace.tsx'
import '../../../collab/document-status.css'
import '../../../editor/editor.css'
import '../../../notes/notes.css'

interface Props {
  /** The meeting as the server described it, with this person's role (the live connection's answer wins once known). */
  view: MeetingView
}

/**
 * The live meeting: agenda, notes, action items, who is here and the connection. Loaded lazily
 * with the editor and the collaboration libraries.
 */
export default function MeetingNotes({ view }: Props) {
  const me = useMe()
  const session = useCollabSession(meetingDocumentName(view.meeting.id))
  // The server shows everyone the account's name; the colour is ours to pick, the same everywhere.
  const user = useMemo(
    () => ({ id: me.user.id, name: me.user.name, color: colorFor(me.user.id) }),
    [me.user.name, me.user.id],
  )
  useAwarenessUser(session, user)
  useIdle(session)
  const access = useDocumentAccess(session)
  const connection = useConnectionState(session)
  const present = usePresence(session, me.user.id)
  const refusal = useUpdateRefusal(session)
  const [drafts] = useState(createActionDraftChannel)

  if (access.state === 'refused') return <AccessLost reason={access.reason} />
  const readOnly = access.state === 'granted' ? access.readOnly : view.role === 'observer'

  return (
    <ActionDraftContext.Provider value={drafts}>
      {session && refusal && (
        <UpdateRefused
          session={session}
          cause={refusal}
          document="notes"
          text={() => documentText({ kind: 'meeting', meetingId: view.meeting.id }, session.doc)}
        />
      )}
      <div className="notes-page">
        <div className="notes-page__bar">
          {readOnly ? (
            <p className="readonly-note">You are following this meeting read-only.</p>
          ) : (
            <p className="notes-page__hint">Everyone here writes in the same notes; they save as you type.</p>
          )}
          <ConnectionBadge state={connection} session={session} />
        </div>
        {session ? (
          <MeetingWorkspace
            session={session}
            view={view}
            user={user}
            present={present}
            offline={connection === 'offline'}
            // Nothing typed after a refused change could be saved: stop until the page is reloaded.
            editable={!readOnly && !refusal}
          />
        ) : (
          <div className="notes-page__body">
            <PageLoading label="Loading notes…" />
          </div>
        )}
      </div>
    </ActionDraftContext.Provider>
  )
}

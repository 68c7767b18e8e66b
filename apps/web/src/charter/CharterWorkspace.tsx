import type { Community } from '@confer/api'
import { AccessLost } from '../collab/AccessLost.tsx'
import { ConnectionBadge } from '../collab/ConnectionBadge.tsx'
import { UpdateRefused } from '../collab/UpdateRefused.tsx'
import { useConnectionState } from '../collab/useConnectionState.ts'
import { useUpdateRefusal } from '../collab/useUpdateRefusal.ts'
import { documentText } from '../history/document-text.ts'
import { HistoryButton } from '../history/HistoryButton.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import { AffirmationPanel } from './AffirmationPanel.tsx'
import { NormsList } from './NormsList.tsx'
import { NormsTrendSection } from './NormsTrend.tsx'
import { PreambleEditor } from './PreambleEditor.tsx'
import { StarterPicker } from './StarterPicker.tsx'
import { useCharterDocument } from './useCharterDocument.ts'
import { useNorms } from './useNorms.ts'
import { useSettledNorms } from './useSettledNorms.ts'
import '../collab/document-status.css'
import '../editor/editor.css'

/** The live charter: preamble, norms, affirmations and the norms trend. */
export default function CharterWorkspace({ community }: { community: Community }) {
  const { session, access, user, synced } = useCharterDocument(community.id)
  const connection = useConnectionState(session)
  const norms = useNorms(session?.doc ?? null)
  const settled = useSettledNorms(norms, session?.doc ?? null)
  const refusal = useUpdateRefusal(session)

  if (access.state === 'refused') return <AccessLost reason={access.reason} />
  const readOnly = access.state === 'granted' ? access.readOnly : community.role === 'observer'
  // After a refused change nothing more could be saved: editing stops until the page is reloaded.
  const editable = !readOnly && !refusal
  const ready = session !== null && (synced || norms.length > 0)

  return (
    <div className="charter-workspace">
      {session && refusal && (
        <UpdateRefused
          session={session}
          cause={refusal}
          document="charter"
          text={() => documentText({ kind: 'charter', communityId: community.id }, session.doc)}
        />
      )}
      <div className="charter-bar">
        {readOnly && <p className="readonly-note">You are reading this charter; only members edit it.</p>}
        <ConnectionBadge state={connection} session={session} />
        {session && (
          <HistoryButton
            source={{ kind: 'charter', communityId: community.id }}
            doc={session.doc}
            canRestore={editable}
          />
        )}
      </div>
      {!session || !ready ? (
        <PageLoading label="Loading charter…" />
      ) : (
        <div className="charter-grid">
          <div className="charter-main">
            <section className="card charter-section" aria-labelledby="preamble-title">
              <h2 id="preamble-title">Preamble</h2>
              <PreambleEditor session={session} user={user} editable={editable} labelledBy="preamble-title" />
            </section>
            <section className="card charter-section" aria-labelledby="norms-title">
              <h2 id="norms-title">Norms</h2>
              {norms.length === 0 && editable ? <StarterPicker communityId={community.id} /> : null}
              <NormsList doc={session.doc} norms={norms} editable={editable} onSettle={settled.settle} />
            </section>
          </div>
          <div className="charter-side">
            <AffirmationPanel community={community} norms={norms} settled={settled} />
          </div>
          <NormsTrendSection communityId={community.id} />
        </div>
      )}
    </div>
  )
}

import type { Community } from '@confer/api'
import { useMemo } from 'react'
import { AccessLost } from '../collab/AccessLost.tsx'
import { ConnectionBadge } from '../collab/ConnectionBadge.tsx'
import { UpdateRefused } from '../collab/UpdateRefused.tsx'
import { useConnectionState } from '../collab/useConnectionState.ts'
import { useUpdateRefusal } from '../collab/useUpdateRefusal.ts'
import { documentText } from '../history/document-text.ts'
import { HistoryButton } from '../history/HistoryButton.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import { CycleStepper } from './CycleStepper.tsx'
import { EvidenceLog } from './EvidenceLog.tsx'
import { GoalsSection } from './GoalsSection.tsx'
import { usePlan, usePlanDocument } from './usePlanDocument.ts'
import '../collab/document-status.css'

/** The live plan: its connection, history, goals, cycle and evidence. */
export default function PlanWorkspace({ community }: { community: Community }) {
  const { session, access, synced } = usePlanDocument(community.id)
  const connection = useConnectionState(session)
  const plan = usePlan(session?.doc ?? null)
  const refusal = useUpdateRefusal(session)
  const source = useMemo(() => ({ kind: 'plan', communityId: community.id }) as const, [community.id])

  if (access.state === 'refused') return <AccessLost reason={access.reason} />
  const readOnly = access.state === 'granted' ? access.readOnly : community.role === 'observer'
  // After a refused change nothing more could be saved: editing stops until the page is reloaded.
  const editable = !readOnly && !refusal
  const empty = plan.goals.length === 0 && plan.evidence.length === 0 && plan.cycle === null
  const ready = session !== null && (synced || !empty)

  return (
    <div className="plan-workspace">
      {session && refusal && (
        <UpdateRefused
          session={session}
          cause={refusal}
          document="plan"
          text={() => documentText(source, session.doc)}
        />
      )}
      <div className="plan-bar">
        {readOnly && <p className="readonly-note">You are reading this plan; only members edit it.</p>}
        <ConnectionBadge state={connection} session={session} />
        {session && <HistoryButton source={source} doc={session.doc} canRestore={editable} />}
      </div>
      {!session || !ready ? (
        <PageLoading label="Loading plan…" />
      ) : (
        <div className="plan-grid">
          <GoalsSection doc={session.doc} plan={plan} editable={editable} />
          <CycleStepper doc={session.doc} plan={plan} editable={editable} />
          <EvidenceLog communityId={community.id} doc={session.doc} plan={plan} editable={editable} />
        </div>
      )}
    </div>
  )
}

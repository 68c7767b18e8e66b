import type { MeetingView } from '@confer/api'
import { CycleStepper } from '../../../plan/CycleStepper.tsx'
import { EvidenceLog } from '../../../plan/EvidenceLog.tsx'
import { GoalsSection } from '../../../plan/GoalsSection.tsx'
import { usePlan, usePlanDocument } from '../../../plan/usePlanDocument.ts'
import { Link } from '../../../routing/Link.tsx'
import { PageLoading } from '../../../ui/PageLoading.tsx'
import '../../../plan/plan.css'

/**
 * The community's plan as a meeting that shares it shows it (SPEC G8): goals with their progress
 * lines, the cycle and the evidence, read-only for everyone. Guests are let in by the server
 * while the meeting shares it (G6); once it stops, their connection is refused (G7).
 */
export default function SharedPlan({ view }: { view: MeetingView }) {
  const { communityId } = view.meeting
  const { session, access, synced } = usePlanDocument(communityId)
  const plan = usePlan(session?.doc ?? null)

  if (access.state === 'refused') {
    return (
      <p className="notice" role="status">
        The plan is no longer shared with this meeting.
      </p>
    )
  }
  const empty = plan.goals.length === 0 && plan.evidence.length === 0 && plan.cycle === null
  // A guest's device shows nothing of the plan until the server lets them read it now.
  const allowed = access.state === 'granted' || !view.guest
  return (
    <>
      {!view.guest && (
        <p className="meeting-plan__edit">
          <Link to={`/c/${communityId}/plan`}>Edit the plan on its page</Link>
        </p>
      )}
      {!session || !allowed || (!synced && empty) ? (
        <PageLoading label="Loading the plan…" />
      ) : (
        <div className="plan-grid">
          <GoalsSection doc={session.doc} plan={plan} editable={false} />
          <CycleStepper doc={session.doc} plan={plan} editable={false} />
          <EvidenceLog
            communityId={communityId}
            doc={session.doc}
            plan={plan}
            editable={false}
            linkMeetings={!view.guest}
          />
        </div>
      )}
    </>
  )
}

import { isId } from '@confer/model'
import { getCommunity } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import { Link } from '../routing/Link.tsx'
import { NotFound } from '../routing/NotFound.tsx'
import { useDocumentTitle } from '../routing/useDocumentTitle.ts'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import PlanWorkspace from './PlanWorkspace.tsx'
import './plan.css'

/**
 * `/c/:communityId/plan`: the team's improvement plan — goals with their progress lines, the
 * cycle, the evidence log — edited live by members, read by observers (SPEC PL5). Loaded lazily
 * with the charts and the collaboration libraries.
 */
export default function PlanPage({ communityId }: { communityId: string }) {
  if (!isId(communityId)) return <NotFound />
  return <PlanView communityId={communityId} />
}

function PlanView({ communityId }: { communityId: string }) {
  const resource = useApi(`community:${communityId}`, (signal) =>
    getCommunity(communityId, signal).then((answer) => answer.community),
  )
  const community = resource.data
  useDocumentTitle(community ? `Plan · ${community.name}` : 'Plan')

  if (resource.error?.notFound) return <NotFound />
  if (!community) {
    return resource.error ? (
      <LoadError error={resource.error} what="this plan" onRetry={resource.reload} />
    ) : (
      <PageLoading label="Loading plan…" />
    )
  }
  return (
    <div className="page plan-page">
      <p className="eyebrow">
        <Link to={`/c/${community.id}`}>{community.name}</Link>
      </p>
      <h1>Improvement plan</h1>
      <p className="lede">
        Our goals, where we are in the cycle, and the evidence we gather. Everyone edits it together; changes
        save as you type. <Link to={`/c/${community.id}/progress`}>See the progress charts</Link>.
      </p>
      <PlanWorkspace community={community} />
    </div>
  )
}

import { isId } from '@confer/model'
import { getCommunity } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import { Link } from '../routing/Link.tsx'
import { NotFound } from '../routing/NotFound.tsx'
import { useDocumentTitle } from '../routing/useDocumentTitle.ts'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import { PlanWatcher } from './PlanWatcher.tsx'
import { ProgressView } from './ProgressView.tsx'
import { getCommunityProgress } from './progress-api.ts'
import { useProgressRefresh } from './useProgressRefresh.ts'
import './progress.css'

/**
 * `/c/:communityId/progress`: what the team has done toward its goals (SPEC PR1–PR3), for its
 * members, observers and its networks' sponsors. A sponsor cannot open the community itself, so
 * the page needs nothing but the progress route; the community's name and links come when the
 * viewer belongs to it.
 */
export default function CommunityProgressPage({ communityId }: { communityId: string }) {
  if (!isId(communityId)) return <NotFound />
  return <CommunityProgress communityId={communityId} />
}

function CommunityProgress({ communityId }: { communityId: string }) {
  const progress = useApi(`progress:${communityId}`, (signal) => getCommunityProgress(communityId, signal))
  // 404 for a sponsor, who sees progress and nothing else: then the page goes without the name.
  const community = useApi(`community:${communityId}`, (signal) =>
    getCommunity(communityId, signal).then((answer) => answer.community),
  )
  useProgressRefresh(progress.reload, communityId)
  const name = community.data?.name
  useDocumentTitle(name ? `Progress · ${name}` : 'Progress')

  if (progress.error?.notFound) return <NotFound />
  return (
    <div className="page progress-page">
      {community.data && <PlanWatcher communityId={communityId} onChange={progress.reload} />}
      <p className="eyebrow">{name ? <Link to={`/c/${communityId}`}>{name}</Link> : 'Community'}</p>
      <h1>Progress</h1>
      <p className="lede">
        What the team has done toward its goals: the improvement cycle, evidence, meetings, action items and
        the norms check. It updates as the team works.
      </p>
      {community.data && (
        <p>
          <Link to={`/c/${communityId}/plan`}>Open the plan</Link>
        </p>
      )}
      {progress.data ? (
        <>
          {progress.error && (
            <p className="error" role="alert">
              Could not update the progress. {progress.error.message}
            </p>
          )}
          <ProgressView progress={progress.data} level={2} />
        </>
      ) : progress.error ? (
        <LoadError error={progress.error} what="the progress" onRetry={progress.reload} />
      ) : (
        <PageLoading label="Loading progress…" />
      )}
    </div>
  )
}

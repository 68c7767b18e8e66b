import { isId } from '@confer/model'
import { lazy, Suspense } from 'react'
import { getCommunity } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import { Link } from '../routing/Link.tsx'
import { NotFound } from '../routing/NotFound.tsx'
import { useDocumentTitle } from '../routing/useDocumentTitle.ts'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import './charter.css'

// The editor and collaboration libraries load only when a charter is opened.
const CharterWorkspace = lazy(() => import('./CharterWorkspace.tsx'))

/** `/c/:communityId/charter`: the team's norms, its preamble, who agreed, and how the norms are lived. */
export function CharterPage({ communityId }: { communityId: string }) {
  if (!isId(communityId)) return <NotFound />
  return <CharterView communityId={communityId} />
}

function CharterView({ communityId }: { communityId: string }) {
  const resource = useApi(`community:${communityId}`, (signal) =>
    getCommunity(communityId, signal).then((answer) => answer.community),
  )
  const community = resource.data
  useDocumentTitle(community ? `Charter · ${community.name}` : 'Charter')

  if (resource.error?.notFound) return <NotFound />
  if (!community) {
    return resource.error ? (
      <LoadError error={resource.error} what="this charter" onRetry={resource.reload} />
    ) : (
      <PageLoading label="Loading charter…" />
    )
  }
  return (
    <div className="page charter-page">
      <p className="eyebrow">
        <Link to={`/c/${community.id}`}>{community.name}</Link>
      </p>
      <h1>Team charter</h1>
      <p className="lede">
        The norms we agree to work by. Everyone can edit them together; changes save as you type.
      </p>
      <Suspense fallback={<PageLoading label="Loading charter…" />}>
        <CharterWorkspace community={community} />
      </Suspense>
    </div>
  )
}

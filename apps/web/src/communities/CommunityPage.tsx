import { isId } from '@confer/model'
import { getCommunity } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import { LoadError } from '../app/LoadError.tsx'
import { NotFound } from '../app/NotFound.tsx'
import { PageLoading } from '../app/PageLoading.tsx'
import { useDocumentTitle } from '../app/useDocumentTitle.ts'
import { CharterLink } from '../charter/CharterLink.tsx'
import { CommunityDetails } from './CommunityDetails.tsx'
import { CommunityNetworks } from './CommunityNetworks.tsx'
import { MeetingsSection } from './MeetingsSection.tsx'
import { MembersSection } from './MembersSection.tsx'
import { OpenActionsSection } from './OpenActionsSection.tsx'
import './communities.css'

/** `/c/:communityId`: a team's page — who is in it, its meetings, its networks. */
export function CommunityPage({ communityId }: { communityId: string }) {
  if (!isId(communityId)) return <NotFound />
  return <CommunityView communityId={communityId} />
}

function CommunityView({ communityId }: { communityId: string }) {
  const resource = useApi(`community:${communityId}`, (signal) =>
    getCommunity(communityId, signal).then((answer) => answer.community),
  )
  const community = resource.data
  useDocumentTitle(community?.name ?? 'Community')

  if (resource.error?.notFound) return <NotFound />
  if (!community) {
    return resource.error ? (
      <LoadError error={resource.error} what="this community" onRetry={resource.reload} />
    ) : (
      <PageLoading label="Loading community…" />
    )
  }
  return (
    <div className="page community-page">
      <CommunityDetails community={community} onChange={resource.setData} />
      <div className="community-page__grid">
        <div className="community-page__main">
          <MeetingsSection community={community} />
          <OpenActionsSection community={community} />
          <CommunityNetworks community={community} />
        </div>
        <div className="community-page__side">
          <CharterLink community={community} />
          <MembersSection community={community} onChange={resource.setData} onReload={resource.reload} />
        </div>
      </div>
    </div>
  )
}

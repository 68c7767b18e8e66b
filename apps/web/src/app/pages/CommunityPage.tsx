import { isId } from '@confer/model'
import { getCommunity } from '../../api/endpoints.ts'
import { useApi } from '../../api/useApi.ts'
import { CharterLink } from '../../charter/CharterLink.tsx'
import { CommunityDetails } from '../../communities/CommunityDetails.tsx'
import { ExportsSection } from '../../communities/ExportsSection.tsx'
import { MeetingsSection } from '../../communities/MeetingsSection.tsx'
import { MembersSection } from '../../communities/MembersSection.tsx'
import { OpenActionsSection } from '../../communities/OpenActionsSection.tsx'
import { CommunityNetworks } from '../../networks/CommunityNetworks.tsx'
import { PlanLink } from '../../plan/PlanLink.tsx'
import { ResourcesSection } from '../../resources/ResourcesSection.tsx'
import { NotFound } from '../../routing/NotFound.tsx'
import { useDocumentTitle } from '../../routing/useDocumentTitle.ts'
import { LoadError } from '../../ui/LoadError.tsx'
import { PageLoading } from '../../ui/PageLoading.tsx'
import '../../communities/communities.css'

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
          <ResourcesSection community={community} />
          <CommunityNetworks community={community} />
        </div>
        <div className="community-page__side">
          <CharterLink community={community} />
          <PlanLink community={community} />
          <MembersSection community={community} onChange={resource.setData} onReload={resource.reload} />
          <ExportsSection community={community} />
        </div>
      </div>
    </div>
  )
}

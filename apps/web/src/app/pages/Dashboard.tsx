import type { Me } from '@confer/api'
import { MyActions } from '../../actions/MyActions.tsx'
import { getOverview } from '../../api/endpoints.ts'
import { useApi } from '../../api/useApi.ts'
import { CreateCommunityForm } from '../../communities/CreateCommunityForm.tsx'
import { MyCommunities } from '../../communities/MyCommunities.tsx'
import { MyNetworks } from '../../communities/MyNetworks.tsx'
import { UpcomingMeetings } from '../../communities/UpcomingMeetings.tsx'
import { SponsoredNetworks } from '../../progress/SponsoredNetworks.tsx'
import { useDocumentTitle } from '../../routing/useDocumentTitle.ts'
import '../../communities/communities.css'

/** `/` when signed in: where my teams, my next meetings and my networks are. */
export function Dashboard({ me }: { me: Me }) {
  useDocumentTitle('Home')
  const overview = useApi('overview', getOverview)
  return (
    <div className="page dashboard">
      <h1>Hello, {me.user.name}</h1>
      <div className="dashboard__grid">
        <div className="dashboard__main">
          <UpcomingMeetings overview={overview} />
          <MyActions communities={me.communities} />
          <MyCommunities communities={me.communities} />
        </div>
        <div className="dashboard__side">
          <SponsoredNetworks me={me} />
          <MyNetworks overview={overview} />
          <CreateCommunityForm />
        </div>
      </div>
    </div>
  )
}

import { isId } from '@confer/model'
import { getNetwork } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import { Link } from '../routing/Link.tsx'
import { NotFound } from '../routing/NotFound.tsx'
import { useDocumentTitle } from '../routing/useDocumentTitle.ts'
import { useMe } from '../session/useSession.ts'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import { NetworkInviteLink } from './NetworkInviteLink.tsx'
import { NetworkMeetings } from './NetworkMeetings.tsx'
import { SponsorInviteLink } from './SponsorInviteLink.tsx'
import './networks.css'

/** `/n/:networkId`: a network's purpose and the communities (schools' teams) in it. */
export function NetworkPage({ networkId }: { networkId: string }) {
  if (!isId(networkId)) return <NotFound />
  return <NetworkView networkId={networkId} />
}

function NetworkView({ networkId }: { networkId: string }) {
  const me = useMe()
  const resource = useApi(`network:${networkId}`, (signal) =>
    getNetwork(networkId, signal).then((a) => a.network),
  )
  const network = resource.data
  useDocumentTitle(network?.name ?? 'Network')

  if (resource.error?.notFound) return <NotFound />
  if (!network) {
    return resource.error ? (
      <LoadError error={resource.error} what="this network" onRetry={resource.reload} />
    ) : (
      <PageLoading label="Loading network…" />
    )
  }
  const mine = new Set(me.communities.map((c) => c.id))
  return (
    <div className="page page--medium network-page">
      <p className="eyebrow">Network</p>
      <h1>{network.name}</h1>
      {network.purpose ? (
        <p className="lede">{network.purpose}</p>
      ) : (
        <p className="empty-note">No purpose written yet.</p>
      )}
      <section className="card" aria-labelledby="network-communities-title">
        <h2 id="network-communities-title">
          Communities in this network <span className="count">({network.communities.length})</span>
        </h2>
        <ul className="link-list">
          {network.communities.map((community) => (
            <li key={community.id}>
              {mine.has(community.id) ? (
                <Link to={`/c/${community.id}`}>{community.name}</Link>
              ) : (
                community.name
              )}
              {mine.has(community.id) && <span className="role-tag">Yours</span>}
            </li>
          ))}
        </ul>
      </section>
      {network.canManage && (
        <p>
          <Link to={`/n/${network.id}/progress`}>See the progress of every community</Link>
        </p>
      )}
      <NetworkMeetings networkId={network.id} />
      {network.canManage && <NetworkInviteLink networkId={network.id} />}
      {network.canManage && <SponsorInviteLink networkId={network.id} />}
    </div>
  )
}

import type { Community } from '@confer/api'
import { useState } from 'react'
import { Link } from '../routing/Link.tsx'
import { StartNetworkForm } from './StartNetworkForm.tsx'

/** The networks this community belongs to; facilitators may start one. */
export function CommunityNetworks({ community }: { community: Community }) {
  const [starting, setStarting] = useState(false)
  return (
    <section className="card" aria-labelledby="networks-title">
      <h2 id="networks-title">Networks</h2>
      {community.networks.length === 0 ? (
        <p className="empty-note">
          Not part of a network yet. A network links teams from several schools around one purpose.
        </p>
      ) : (
        <ul className="link-list">
          {community.networks.map((network) => (
            <li key={network.id}>
              <Link to={`/n/${network.id}`}>{network.name}</Link>
            </li>
          ))}
        </ul>
      )}
      {community.role === 'facilitator' &&
        (starting ? (
          <StartNetworkForm communityId={community.id} onCancel={() => setStarting(false)} />
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setStarting(true)}>
            Start a network
          </button>
        ))}
    </section>
  )
}

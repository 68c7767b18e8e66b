import type { Me } from '@confer/api'
import { Link } from '../routing/Link.tsx'

/**
 * The home page's "Networks you sponsor" (SPEC PR4): each leads to the network's progress, the
 * one page of it a sponsor may open. Shown only to sponsors.
 */
export function SponsoredNetworks({ me }: { me: Me }) {
  // An answer stored by an older version of the app (offline) may not have the list.
  const networks = me.sponsoring ?? []
  if (networks.length === 0) return null
  return (
    <section className="card" aria-labelledby="sponsored-networks-title">
      <h2 id="sponsored-networks-title">Networks you sponsor</h2>
      <p className="hint">You follow their communities’ progress; their notes and documents stay theirs.</p>
      <ul className="link-list">
        {networks.map((network) => (
          <li key={network.id}>
            <Link to={`/n/${network.id}/progress`} className="sponsored-networks__link">
              {network.name}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  )
}

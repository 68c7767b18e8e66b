import type { Overview } from '../api/endpoints.ts'
import type { Resource } from '../api/useApi.ts'
import { Link } from '../routing/Link.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'

export function MyNetworks({ overview }: { overview: Resource<Overview> }) {
  const networks = overview.data?.networks
  return (
    <section className="card" aria-labelledby="my-networks-title">
      <h2 id="my-networks-title">Your networks</h2>
      {networks ? (
        networks.length === 0 ? (
          <p className="empty-note">
            None yet. A network links teams from several schools around one purpose; a facilitator starts one
            from the community page.
          </p>
        ) : (
          <ul className="link-list">
            {networks.map((network) => (
              <li key={network.id}>
                <Link to={`/n/${network.id}`}>{network.name}</Link>
              </li>
            ))}
          </ul>
        )
      ) : overview.error ? (
        <p className="notice">Your networks could not be loaded.</p>
      ) : (
        <PageLoading label="Loading networks…" />
      )}
    </section>
  )
}

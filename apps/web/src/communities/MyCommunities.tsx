import type { CommunitySummary } from '@confer/api'
import { Link } from '../routing/Link.tsx'
import { ROLE_LABELS } from '../ui/format.ts'

export function MyCommunities({ communities }: { communities: CommunitySummary[] }) {
  return (
    <section className="card" aria-labelledby="my-communities-title">
      <h2 id="my-communities-title">Your communities</h2>
      {communities.length === 0 ? (
        <p className="empty-note">
          You are not in a community yet. Create one for your team, or open the invitation link a colleague
          sent you.
        </p>
      ) : (
        <ul className="link-list">
          {communities.map((community) => (
            <li key={community.id}>
              <Link to={`/c/${community.id}`}>{community.name}</Link>
              <span className="role-tag">{ROLE_LABELS[community.role]}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

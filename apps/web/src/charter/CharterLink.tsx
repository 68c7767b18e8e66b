import type { Community } from '@confer/api'
import { Link } from '../routing/Link.tsx'

/** The community page's way to the team charter. */
export function CharterLink({ community }: { community: Community }) {
  return (
    <section className="card charter-link" aria-labelledby="charter-link-title">
      <h2 id="charter-link-title">Team charter</h2>
      <p className="hint">The norms the team agrees to work by, and who has agreed.</p>
      <Link to={`/c/${community.id}/charter`}>Open the charter</Link>
    </section>
  )
}

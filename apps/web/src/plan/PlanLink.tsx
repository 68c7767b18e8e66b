import type { Community } from '@confer/api'
import { Link } from '../routing/Link.tsx'

/** The community page's way to the improvement plan and the progress charts. */
export function PlanLink({ community }: { community: Community }) {
  return (
    <section className="card plan-link" aria-labelledby="plan-link-title">
      <h2 id="plan-link-title">Improvement plan</h2>
      <p className="hint">Goals, where the team is in the cycle, evidence, and progress.</p>
      <ul className="link-list">
        <li>
          <Link to={`/c/${community.id}/plan`}>Open the plan</Link>
        </li>
        <li>
          <Link to={`/c/${community.id}/progress`}>See the progress</Link>
        </li>
      </ul>
    </section>
  )
}

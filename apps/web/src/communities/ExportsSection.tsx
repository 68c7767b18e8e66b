import type { Community } from '@confer/api'
import { exportPaths } from '../api/endpoints.ts'
import { CalendarFeed } from './CalendarFeed.tsx'

/** The community page's downloads (SPEC X7): a team owns its work and can take it away. */
export function ExportsSection({ community }: { community: Community }) {
  return (
    <section className="card exports" aria-labelledby="exports-title">
      <h2 id="exports-title">Exports</h2>
      <ul className="exports__links">
        <li>
          <a href={exportPaths.actionsCsv(community.id)} download>
            Download action items (CSV)
          </a>
        </li>
        {community.role !== 'observer' && (
          <li>
            <a href={exportPaths.archive(community.id)} download>
              Export everything (zip)
            </a>
            <p className="hint">Every meeting, the charter and the plan, as Markdown files.</p>
          </li>
        )}
      </ul>
      {community.role === 'facilitator' && <CalendarFeed communityId={community.id} />}
    </section>
  )
}

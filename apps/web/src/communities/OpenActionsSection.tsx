import type { Community } from '@confer/api'
import { listOpenActions } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import { useLiveReload } from '../api/useLiveEvents.ts'
import { Link } from '../routing/Link.tsx'
import { formatDue, isOverdue } from '../ui/due-date.ts'
import { formatDate } from '../ui/format.ts'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'

/**
 * Everything the team still has to do, across its meetings: what, who, by when, and the
 * meeting where it was agreed. Read from an index the server updates within a second of an edit,
 * and fetched again when it announces that (SPEC T4).
 */
export function OpenActionsSection({ community }: { community: Community }) {
  const actions = useApi(`actions:${community.id}`, (signal) =>
    listOpenActions(community.id, signal).then((answer) => answer.actions),
  )
  useLiveReload({ types: ['actions'], communityId: community.id }, actions.reload)
  const list = actions.data
  return (
    <section className="card" aria-labelledby="open-actions-title">
      <h2 id="open-actions-title">
        Open action items {list && list.length > 0 && <span className="count">({list.length})</span>}
      </h2>
      {list ? (
        list.length === 0 ? (
          <p className="empty-note">Nothing open. Action items agreed in meetings show up here.</p>
        ) : (
          <ul className="open-actions">
            {list.map((action) => {
              const overdue = isOverdue(action.due, false)
              return (
                <li key={`${action.meetingId}:${action.actionId}`} className="open-actions__item">
                  <span className="open-actions__text">{action.text || 'Untitled action item'}</span>
                  <span className="meta">
                    {action.ownerName ?? (action.ownerId ? 'A former member' : 'No owner')}
                    {action.due && (
                      <>
                        {' · '}
                        <span data-overdue={overdue || undefined}>
                          due <time dateTime={action.due}>{formatDue(action.due)}</time>
                          {overdue && ' (overdue)'}
                        </span>
                      </>
                    )}
                    {' · '}
                    <Link to={`/m/${action.meetingId}`}>
                      {action.meetingTitle}, {formatDate(action.meetingStartsAt)}
                    </Link>
                  </span>
                </li>
              )
            })}
          </ul>
        )
      ) : actions.error ? (
        <LoadError error={actions.error} what="the action items" onRetry={actions.reload} />
      ) : (
        <PageLoading label="Loading action items…" />
      )}
    </section>
  )
}

import type { Me } from '@confer/api'
import { useId, useRef, useState } from 'react'
import { listMyActions, type MyAction, setActionDone } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import { useLiveReload } from '../api/useLiveEvents.ts'
import { Link } from '../routing/Link.tsx'
import { formatDue, isOverdue } from '../ui/due-date.ts'
import { formatDate } from '../ui/format.ts'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import { useAction } from '../ui/useAction.ts'
import './actions.css'

interface Group {
  communityId: string
  communityName: string
  actions: MyAction[]
}

/** The server's order (due first) within each community; communities by name. */
function byCommunity(actions: readonly MyAction[]): Group[] {
  const groups = new Map<string, Group>()
  for (const action of actions) {
    const group = groups.get(action.communityId) ?? {
      communityId: action.communityId,
      communityName: action.communityName,
      actions: [],
    }
    group.actions.push(action)
    groups.set(action.communityId, group)
  }
  return [...groups.values()].sort((a, b) => a.communityName.localeCompare(b.communityName))
}

/**
 * The home page's "My action items": the open items I own across my communities, grouped by
 * community, with due dates and the meeting each stands in. Ticking one here writes it into that
 * meeting (every copy of the item follows, SPEC T1, T3) and it leaves the list. Kept current live.
 */
export function MyActions({ communities }: { communities: Me['communities'] }) {
  const headingId = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  const actions = useApi('my-actions', (signal) => listMyActions(signal).then((answer) => answer.actions))
  // Every community of mine: the server sends only theirs.
  useLiveReload({ types: ['actions'] }, actions.reload)
  const tick = useAction()
  const [ticking, setTicking] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const readOnly = new Set(communities.filter((c) => c.role === 'observer').map((c) => c.id))

  const markDone = async (action: MyAction) => {
    setTicking(action.actionId)
    setAnnouncement('')
    const outcome = await tick.run(() => setActionDone(action.meetingId, action.actionId, true))
    setTicking(null)
    if (!outcome.ok) return
    const rest = (actions.data ?? []).filter((a) => a.actionId !== action.actionId)
    actions.setData(rest)
    setAnnouncement(`Marked “${label(action)}” done.`)
    // The box that had focus is gone: keep the place in the page.
    heading.current?.focus()
  }

  const list = actions.data
  return (
    <section className="card my-actions" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        My action items {list && list.length > 0 && <span className="count">({list.length})</span>}
      </h2>
      {tick.error && (
        <p className="error" role="alert">
          {tick.error.message}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {list ? (
        list.length === 0 ? (
          <p className="empty-note">
            Nothing on your list. Action items you own in any meeting show up here.
          </p>
        ) : (
          byCommunity(list).map((group) => (
            <section
              key={group.communityId}
              className="my-actions__group"
              aria-labelledby={`${headingId}-${group.communityId}`}
            >
              <h3 id={`${headingId}-${group.communityId}`}>
                <Link to={`/c/${group.communityId}`}>{group.communityName}</Link>
              </h3>
              <ul className="action-list">
                {group.actions.map((action) => (
                  <MyActionRow
                    key={action.actionId}
                    action={action}
                    readOnly={readOnly.has(action.communityId)}
                    busy={ticking !== null}
                    onDone={() => void markDone(action)}
                  />
                ))}
              </ul>
            </section>
          ))
        )
      ) : actions.error ? (
        <LoadError error={actions.error} what="your action items" onRetry={actions.reload} />
      ) : (
        <PageLoading label="Loading your action items…" />
      )}
    </section>
  )
}

const label = (action: MyAction) => action.text.trim() || 'Untitled action item'

interface RowProps {
  action: MyAction
  readOnly: boolean
  busy: boolean
  onDone: () => void
}

function MyActionRow({ action, readOnly, busy, onDone }: RowProps) {
  const overdue = isOverdue(action.due, false)
  return (
    <li className="action-row">
      <label className="action-row__main">
        <input type="checkbox" checked={false} disabled={readOnly || busy} onChange={onDone} />
        <span className="action-row__text">{label(action)}</span>
      </label>
      <p className="action-row__meta">
        {action.due && (
          <span data-overdue={overdue || undefined}>
            due <time dateTime={action.due}>{formatDue(action.due)}</time>
            {overdue && ' (overdue)'}
          </span>
        )}
        <span>
          in{' '}
          <Link to={`/m/${action.meetingId}`}>
            {action.meetingTitle}, {formatDate(action.meetingStartsAt)}
          </Link>
        </span>
        {readOnly && <span>read only: you observe this community</span>}
      </p>
    </li>
  )
}

import type { Overview } from '../api/endpoints.ts'
import type { Resource } from '../api/useApi.ts'
import { useLiveReload } from '../api/useLiveEvents.ts'
import { Link } from '../routing/Link.tsx'
import { CancelledTag } from '../ui/CancelledTag.tsx'
import { formatDateTime } from '../ui/format.ts'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'

/** My next meetings across my communities; cancelled ones stay, marked. Kept current live. */
export function UpcomingMeetings({ overview }: { overview: Resource<Overview> }) {
  // Every community of mine: the server sends only theirs.
  useLiveReload({ types: ['meetings'] }, overview.reload)
  const meetings = overview.data?.upcomingMeetings
  return (
    <section className="card" aria-labelledby="upcoming-title">
      <h2 id="upcoming-title">Upcoming meetings</h2>
      {meetings ? (
        meetings.length === 0 ? (
          <p className="empty-note">
            No meetings scheduled. Facilitators schedule them on the community page.
          </p>
        ) : (
          <ul className="link-list">
            {meetings.map((meeting) => (
              <li
                key={meeting.id}
                className={meeting.cancelledAt === null ? undefined : 'meeting--cancelled'}
              >
                <Link to={`/m/${meeting.id}`}>{meeting.title}</Link>
                {meeting.cancelledAt !== null && <CancelledTag />}
                <span className="meta">
                  {meeting.communityName} ·{' '}
                  <time dateTime={meeting.startsAt}>{formatDateTime(meeting.startsAt)}</time>
                </span>
              </li>
            ))}
          </ul>
        )
      ) : overview.error ? (
        <LoadError error={overview.error} what="your meetings" onRetry={overview.reload} />
      ) : (
        <PageLoading label="Loading meetings…" />
      )}
    </section>
  )
}

import type { Community, Meeting } from '@confer/api'
import { listMeetings } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import { useLiveReload } from '../api/useLiveEvents.ts'
import { Link } from '../routing/Link.tsx'
import { CancelledTag } from '../ui/CancelledTag.tsx'
import { formatDateTime, formatDuration } from '../ui/format.ts'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import { ScheduleMeetingForm } from './ScheduleMeetingForm.tsx'

const endsAt = (meeting: Meeting) => Date.parse(meeting.startsAt) + meeting.durationMinutes * 60_000

/**
 * The community's meetings: the ones still to come (soonest first), then the past ones; cancelled
 * ones stay, marked. Kept current live: a meeting scheduled or changed elsewhere shows here.
 */
export function MeetingsSection({ community }: { community: Community }) {
  const meetings = useApi(`meetings:${community.id}`, (signal) =>
    listMeetings(community.id, signal).then((answer) => answer.meetings),
  )
  useLiveReload({ types: ['meetings'], communityId: community.id }, meetings.reload)
  const now = Date.now()
  const all = meetings.data ?? []
  const upcoming = all
    .filter((m) => endsAt(m) > now)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
  const past = all.filter((m) => endsAt(m) <= now)

  return (
    <section className="card" aria-labelledby="meetings-title">
      <h2 id="meetings-title">Meetings</h2>
      {meetings.data ? (
        <>
          <h3>Upcoming</h3>
          <MeetingList meetings={upcoming} empty="No meetings coming up." />
          {past.length > 0 && (
            <>
              <h3>Past</h3>
              <MeetingList meetings={past} empty="" />
            </>
          )}
        </>
      ) : meetings.error ? (
        <LoadError error={meetings.error} what="the meetings" onRetry={meetings.reload} />
      ) : (
        <PageLoading label="Loading meetings…" />
      )}
      {community.role === 'facilitator' && (
        <ScheduleMeetingForm communityId={community.id} onCreated={meetings.reload} />
      )}
    </section>
  )
}

function MeetingList({ meetings, empty }: { meetings: Meeting[]; empty: string }) {
  if (meetings.length === 0) return <p className="empty-note">{empty}</p>
  return (
    <ul className="link-list">
      {meetings.map((meeting) => (
        <li key={meeting.id} className={meeting.cancelledAt === null ? undefined : 'meeting--cancelled'}>
          <Link to={`/m/${meeting.id}`}>{meeting.title}</Link>
          {meeting.cancelledAt !== null && <CancelledTag />}
          <span className="meta">
            <time dateTime={meeting.startsAt}>{formatDateTime(meeting.startsAt)}</time> ·{' '}
            {formatDuration(meeting.durationMinutes)}
          </span>
        </li>
      ))}
    </ul>
  )
}

import type { NetworkMeeting } from '@confer/api'
import { Link } from '../routing/Link.tsx'
import { formatDateTime } from '../ui/format.ts'

const GUEST_ROLE: Record<NetworkMeeting['networkGuestRole'], string> = {
  member: 'you can take part',
  observer: 'you can follow',
}

/** Meetings opened to network guests: which community hosts each, when, and what a guest may do. */
export function OpenedMeetingList({
  meetings,
  showNetwork,
}: {
  meetings: NetworkMeeting[]
  showNetwork: boolean
}) {
  return (
    <ul className="link-list opened-meetings">
      {meetings.map((meeting) => (
        <li key={meeting.id}>
          <Link to={`/m/${meeting.id}`}>{meeting.title}</Link>
          <span className="meta">
            {meeting.communityName}
            {showNetwork && <> · {meeting.network.name}</>} ·{' '}
            <time dateTime={meeting.startsAt}>{formatDateTime(meeting.startsAt)}</time>
            {meeting.guest ? <> · {GUEST_ROLE[meeting.networkGuestRole]}</> : <> · your community</>}
          </span>
        </li>
      ))}
    </ul>
  )
}

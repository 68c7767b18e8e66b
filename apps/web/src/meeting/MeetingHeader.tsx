import type { MeetingView } from '@confer/api'
import { getMeeting } from '../api/endpoints.ts'
import { useLiveEvents } from '../api/useLiveEvents.ts'
import { Link } from '../routing/Link.tsx'
import { CancelledTag } from '../ui/CancelledTag.tsx'
import { formatDateTime, formatDuration } from '../ui/format.ts'
import { EditMeetingButton } from './EditMeetingButton.tsx'
import { NetworkAccessControl } from './NetworkAccessControl.tsx'
import { SaveTemplateButton } from './SaveTemplateButton.tsx'

/**
 * The meeting's title, its community, when it is (or that it was cancelled), and for facilitators
 * the edit dialog and who else may join. Kept current live: a change made elsewhere shows here.
 */
export function MeetingHeader({
  view,
  onChange,
}: {
  view: MeetingView
  onChange: (view: MeetingView) => void
}) {
  const { meeting, guest, communityName, role } = view
  useLiveEvents({ types: ['meetings'], meetingId: meeting.id }, () => {
    // A failure leaves what is shown; the next event or a reload tries again.
    getMeeting(meeting.id).then(onChange, () => {})
  })
  return (
    <div className="meeting-head">
      <div>
        <p className="eyebrow">
          {guest ? (
            <>Visiting {communityName} from your network</>
          ) : (
            <Link to={`/c/${meeting.communityId}`}>{communityName}</Link>
          )}
        </p>
        <h1 className="meeting-head__title">{meeting.title}</h1>
        <p className="meta">
          <time dateTime={meeting.startsAt}>{formatDateTime(meeting.startsAt)}</time> ·{' '}
          {formatDuration(meeting.durationMinutes)}
        </p>
        {meeting.cancelledAt !== null && (
          <p className="meeting-cancelled-note">
            <CancelledTag />
            This meeting was cancelled.
          </p>
        )}
        <div className="meeting-head__tools">
          <Link to={`/m/${meeting.id}/summary`}>Summary and export</Link>
          {role === 'facilitator' && !guest && (
            <EditMeetingButton
              meeting={meeting}
              onChange={(changed) => onChange({ ...view, meeting: changed })}
            />
          )}
          {!guest && role !== 'observer' && (
            <SaveTemplateButton
              communityId={meeting.communityId}
              meetingId={meeting.id}
              meetingTitle={meeting.title}
            />
          )}
        </div>
      </div>
      {role === 'facilitator' && !guest && <NetworkAccessControl view={view} onChange={onChange} />}
    </div>
  )
}

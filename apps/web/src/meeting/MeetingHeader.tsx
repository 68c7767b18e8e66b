import type { MeetingView } from '@confer/api'
import { Link } from '../app/Link.tsx'
import { formatDateTime, formatDuration } from '../ui/format.ts'
import { NetworkAccessControl } from './NetworkAccessControl.tsx'
import { SaveTemplateButton } from './SaveTemplateButton.tsx'

/** The meeting's title, its community, when it is, and (for facilitators) who else may join. */
export function MeetingHeader({
  view,
  onChange,
}: {
  view: MeetingView
  onChange: (view: MeetingView) => void
}) {
  const { meeting, guest, communityName, role } = view
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
        <div className="meeting-head__tools">
          <Link to={`/m/${meeting.id}/summary`}>Summary and export</Link>
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

import type { MeetingView } from '@confer/api'
import { Link } from '../routing/Link.tsx'
import { ChimeToggle } from './ChimeToggle.tsx'
import { RoomKeys } from './RoomKeys.tsx'
import { RunDisplay } from './RunDisplay.tsx'
import { useFullscreen } from './useFullscreen.ts'
import { useRound } from './useRound.ts'
import './facilitation.css'

/**
 * The room view: what the projector shows, readable from the back of a classroom — the step,
 * a huge countdown, who speaks and the silent-presenter cue. No controls beyond full screen,
 * sound, and the way back; the facilitator runs the round from the meeting page.
 */
export default function RoomView({ view }: { view: MeetingView }) {
  const { meeting, guest, role } = view
  const { document: round, protocol, protocolKnown, nameOf, presenter } = useRound(meeting, guest)
  const fullscreen = useFullscreen()
  const offline = round ? round.connection === 'offline' || round.connection === 'connecting' : false

  return (
    <div className="room">
      <div className="room__bar">
        <p className="room__meeting">{meeting.title}</p>
        <div className="room__tools">
          {offline && <p className="room__offline">Reconnecting…</p>}
          <ChimeToggle className="room__button" />
          {fullscreen.available && (
            <button
              type="button"
              className="room__button"
              aria-pressed={fullscreen.active}
              onClick={fullscreen.toggle}
            >
              Full screen
            </button>
          )}
          <Link to={`/m/${meeting.id}`} className="room__button">
            Back to the meeting
          </Link>
        </div>
      </div>
      <div className="room__stage">
        {round?.access.state === 'refused' ? (
          <h1 className="run-display__title">The protocol round is not available to you</h1>
        ) : round ? (
          <RunDisplay
            run={round.run}
            speakers={round.speakers}
            protocol={protocol}
            protocolsLoaded={protocolKnown}
            nameOf={nameOf}
            presenter={presenter}
            variant="room"
            TitleTag="h1"
          />
        ) : (
          <h1 className="run-display__title">Connecting…</h1>
        )}
      </div>
      {round && role === 'facilitator' && !guest && <RoomKeys meetingId={meeting.id} run={round.run} />}
    </div>
  )
}

import type { MeetingView } from '@confer/api'
import { Link } from '../app/Link.tsx'
import { ChimeToggle } from './ChimeToggle.tsx'
import { currentStep } from './current-step.ts'
import { FacilitatorControls } from './FacilitatorControls.tsx'
import { GoRoundList } from './GoRoundList.tsx'
import { RunDisplay } from './RunDisplay.tsx'
import { useRound } from './useRound.ts'
import './facilitation.css'

/**
 * The protocol round inside the meeting page: everyone sees the same step, time, speaker,
 * presenter and go-round; facilitators also get the controls and the go-round editor.
 */
export default function FacilitationPanel({ view }: { view: MeetingView }) {
  const { meeting, role, guest } = view
  const {
    document: round,
    protocol,
    protocolKnown,
    protocols,
    members,
    nameOf,
    nameFor,
    presenter,
  } = useRound(meeting, guest)
  const facilitator = role === 'facilitator' && !guest

  if (!round) return <p className="muted">Loading the protocol round…</p>
  if (round.access.state === 'refused')
    return <p className="muted">The protocol round is not available to you.</p>
  const { run, speakers } = round
  const offline = round.connection === 'offline' || round.connection === 'connecting'
  return (
    <div className="facilitation">
      <RunDisplay
        run={run}
        speakers={speakers}
        protocol={protocol}
        protocolsLoaded={protocolKnown}
        nameOf={nameOf}
        presenter={presenter}
        variant="panel"
        TitleTag="h3"
      />
      {offline && <p className="facilitation__offline">Reconnecting… the timer may be out of date.</p>}
      {facilitator && (
        <FacilitatorControls
          meetingId={meeting.id}
          communityId={meeting.communityId}
          run={run}
          speakers={speakers}
          current={currentStep(run, protocol, speakers)}
          protocols={protocols}
          members={members}
          nameOf={nameOf}
          nameFor={nameFor}
        />
      )}
      {!facilitator && <GoRoundList run={run} speakers={speakers} nameOf={nameOf} />}
      <div className="facilitation__footer">
        <Link to={`/m/${meeting.id}/room`} className="button button--secondary button--small">
          Open room view
        </Link>
        <ChimeToggle />
      </div>
    </div>
  )
}

import type { MeetingView } from '@confer/api'
import { useId, useRef } from 'react'
import { Link } from '../routing/Link.tsx'
import { useStoredChoice } from '../ui/useStoredChoice.ts'
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
  const bodyId = useId()
  const [choice, setChoice] = useStoredChoice(STRIP_KEY, STRIP_CHOICES, 'auto')
  // Until someone chooses, a round already running when the page opens shows as the compact
  // strip (the agenda and notes come first); a round not yet started shows open, to be set up.
  const autoOpen = useRef<boolean | null>(null)
  if (
    autoOpen.current === null &&
    round &&
    round.connection !== 'connecting' &&
    round.connection !== 'offline'
  )
    autoOpen.current = round.run.state !== 'running' && round.run.state !== 'paused'
  const expanded = choice === 'auto' ? autoOpen.current !== false : choice === 'open'

  if (!round) return <p className="muted">Loading the protocol round…</p>
  if (round.access.state === 'refused')
    return <p className="muted">The protocol round is not available to you.</p>
  const { run, speakers } = round
  const offline = round.connection === 'offline' || round.connection === 'connecting'
  return (
    <div className="facilitation" data-expanded={expanded}>
      <button
        type="button"
        className="button button--quiet button--small facilitation__toggle"
        aria-expanded={expanded}
        aria-controls={bodyId}
        onClick={() => setChoice(expanded ? 'compact' : 'open')}
      >
        {expanded ? 'Less' : 'More'}
        <span className="visually-hidden"> of the protocol round</span>
      </button>
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
      {/* Folded by CSS, never unmounted: the facilitator's keyboard shortcuts keep working, and
          the run buttons stay in the strip. */}
      <div id={bodyId} className="facilitation__body">
        {/* Mounted once the round has been heard from: a running round first seen as "idle" (the
            empty document before the sync) would read as just started, and take the focus. */}
        {facilitator && autoOpen.current !== null && (
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
    </div>
  )
}

/** Whether the protocol strip is open, remembered on the device for every meeting. */
const STRIP_KEY = 'confer:layout:protocol-strip'
const STRIP_CHOICES = ['auto', 'open', 'compact'] as const

import type { RunState } from '@confer/model'
import type { Protocol } from '../protocols/protocol-types.ts'
import { Announcer } from './Announcer.tsx'
import { Countdown } from './Countdown.tsx'
import { playChime } from './chime.ts'
import { currentStep, stepLabel } from './current-step.ts'
import { useChimeSetting } from './useChimeSetting.ts'
import { useRemaining } from './useRemaining.ts'
import { useRunAnnouncement } from './useRunAnnouncement.ts'
import { useTimeUp } from './useTimeUp.ts'
import { whoSpeaks } from './who-speaks.ts'

interface Props {
  run: RunState
  speakers: readonly string[]
  protocol: Protocol | null
  /** Whether the page could load the protocol list yet (a step title needs it). */
  protocolsLoaded: boolean
  nameOf: (userId: string, position: number) => string
  /** The presenter's name, once the facilitator chose one (or the agenda item's owner presents). */
  presenter: string | null
  /** `room`: huge, for the projector. */
  variant: 'panel' | 'room'
  TitleTag: 'h1' | 'h3'
}

/**
 * What everyone sees of the round: protocol, "Step k of n", the step's title, the time left,
 * who speaks now, the silent-presenter cue, who presents and the prompt. The same on every screen.
 */
export function RunDisplay(props: Props) {
  const { run, speakers, protocol, protocolsLoaded, nameOf, presenter, variant, TitleTag } = props
  const current = currentStep(run, protocol, speakers)
  const who = current ? whoSpeaks(current.step, run, speakers, nameOf, presenter) : null
  const remaining = useRemaining(run)
  const [chime] = useChimeSetting()
  const announcement = useRunAnnouncement(run, current, who?.now ?? null)
  useTimeUp(run, remaining, () => {
    announcement.timeUp()
    if (chime) playChime()
  })

  return (
    <div className={`run-display run-display--${variant}`} data-state={run.state}>
      {current ? (
        <>
          <p className="run-display__protocol">{current.protocol.name}</p>
          <p className="run-display__step-number">{stepLabel(current)}</p>
          <TitleTag className="run-display__title">{current.step.title}</TitleTag>
          <Countdown remaining={remaining} state={run.state} />
          {who && (
            <p className="run-display__speaker">
              Speaking now: <strong className="run-display__speaker-name">{who.now}</strong>
              {who.next && <span className="run-display__next"> · next: {who.next}</span>}
            </p>
          )}
          {current.step.presenterSilent && (
            <p className="run-display__silent">
              {presenter ? `${presenter}, the presenter, listens silently` : 'The presenter listens silently'}
            </p>
          )}
          {presenter && (
            <p className="run-display__presenter">
              Presenter: <strong>{presenter}</strong>
            </p>
          )}
          {current.step.prompt && <p className="run-display__prompt">{current.step.prompt}</p>}
        </>
      ) : (
        <NoStep run={run} protocol={protocol} protocolsLoaded={protocolsLoaded} TitleTag={TitleTag} />
      )}
      {/* Outside the branches, so the live region stays in the page while the content changes. */}
      <Announcer message={announcement.message} />
    </div>
  )
}

function NoStep({
  run,
  protocol,
  protocolsLoaded,
  TitleTag,
}: Pick<Props, 'run' | 'protocol' | 'protocolsLoaded' | 'TitleTag'>) {
  const live = run.state === 'running' || run.state === 'paused'
  let title = 'No protocol is running'
  if (live) title = protocolsLoaded ? 'A protocol is running' : 'Loading the protocol…'
  else if (run.state === 'done') title = `${protocol?.name ?? 'The protocol'} is finished`
  return (
    <>
      <TitleTag className="run-display__title">{title}</TitleTag>
      {live && protocolsLoaded && <p className="muted">This protocol is not available to you.</p>}
    </>
  )
}

import type { Member } from '@confer/api'
import type { RunState } from '@confer/model'
import { useEffect, useRef } from 'react'
import type { Protocols } from '../protocols/useProtocols.ts'
import type { CurrentStep } from './current-step.ts'
import { GoRoundEditor } from './GoRoundEditor.tsx'
import { PresenterControl } from './PresenterControl.tsx'
import { ProtocolPicker } from './ProtocolPicker.tsx'
import { RunControls } from './RunControls.tsx'
import { useAgendaProtocols } from './useAgendaProtocols.ts'
import { useRoundPeople } from './useRoundPeople.ts'
import { useRunActions } from './useRunActions.ts'
import { useRunShortcuts } from './useRunShortcuts.ts'

interface Props {
  meetingId: string
  communityId: string
  run: RunState
  speakers: readonly string[]
  current: CurrentStep | null
  protocols: Protocols
  members: Member[]
  nameOf: (userId: string, position: number) => string
  nameFor: (userId: string) => string | null
}

const EXTEND_SECONDS = 60

/**
 * The facilitator's side of the round: choose a protocol and its presenter and start it, run it,
 * change the presenter, order the go-round.
 */
export function FacilitatorControls(props: Props) {
  const { meetingId, communityId, run, speakers, current, protocols, members, nameOf, nameFor } = props
  const people = useRoundPeople(meetingId, members)
  const actions = useRunActions(meetingId)
  const live = run.state === 'running' || run.state === 'paused'
  const toggleRef = useRef<HTMLButtonElement>(null)
  const selectRef = useRef<HTMLSelectElement>(null)

  const perform = (action: 'toggle' | 'prev' | 'next' | 'extend' | 'stop') => {
    const { act } = actions
    if (action === 'toggle') void act({ action: run.state === 'paused' ? 'resume' : 'pause' })
    else if (action === 'extend') void act({ action: 'extend', seconds: EXTEND_SECONDS })
    else void act({ action })
  }
  useRunShortcuts(live, {
    toggle: () => perform('toggle'),
    next: () => perform('next'),
    prev: () => perform('prev'),
    extend: () => perform('extend'),
  })

  // Starting or ending the round swaps the controls: the clicked button is gone, so the focus
  // moves to the control that replaced it (unless the person is busy somewhere else).
  // Compared with the last state shown, not "first run", so StrictMode's repeated effects stay quiet.
  const shownLive = useRef(live)
  useEffect(() => {
    if (shownLive.current === live) return
    shownLive.current = live
    const focus = document.activeElement
    if (focus && focus !== document.body) return
    if (live) toggleRef.current?.focus()
    else selectRef.current?.focus()
  }, [live])

  // A refusal is about the moment it happened: once the round moves on, it is no longer news.
  const { clearError } = actions
  const moment = `${run.state}:${run.protocolId}:${run.step}:${run.speaker}`
  // biome-ignore lint/correctness/useExhaustiveDependencies: clears whenever the round moves
  useEffect(() => clearError(), [moment, clearError])

  const suggested = useAgendaProtocols(meetingId)
  return (
    <div className="facilitator-controls">
      {live ? (
        <RunControls run={run} current={current} onAction={perform} toggleRef={toggleRef} />
      ) : protocols.loaded ? (
        <ProtocolPicker
          builtIn={protocols.builtIn}
          own={protocols.own}
          find={protocols.find}
          suggested={suggested}
          people={speakers.length || members.filter((m) => m.role !== 'observer').length}
          candidates={people}
          presenterId={run.state === 'idle' ? run.presenterId : null}
          nameFor={nameFor}
          communityId={communityId}
          selectRef={selectRef}
          onStart={(protocolId, presenterId) =>
            void actions.act({ action: 'start', protocolId, presenterId })
          }
        />
      ) : (
        <p className="muted">{protocols.error ?? 'Loading protocols…'}</p>
      )}
      <p className="run-error" role="status" aria-live="polite">
        {actions.error}
      </p>
      {live && (
        <PresenterControl
          presenterId={run.presenterId}
          people={people}
          nameFor={nameFor}
          onSet={(userId) => actions.act({ action: 'presenter', userId })}
        />
      )}
      <GoRoundEditor
        run={run}
        speakers={speakers}
        people={people}
        nameOf={nameOf}
        onChange={(userIds) => actions.act({ action: 'speakers', userIds })}
        onNextSpeaker={() => void actions.act({ action: 'nextSpeaker' })}
      />
    </div>
  )
}

import { type RefObject, useId, useState } from 'react'
import type { Protocol } from '../protocols/protocol-types.ts'
import { totalMinutes } from '../protocols/protocol-types.ts'
import { Link } from '../routing/Link.tsx'
import { PresenterSelect } from './PresenterSelect.tsx'
import type { AgendaProtocol } from './useAgendaProtocols.ts'
import type { RoundPerson } from './useRoundPeople.ts'

interface Props {
  builtIn: Protocol[]
  own: Protocol[]
  find: (id: string | null) => Protocol | null
  suggested: AgendaProtocol[]
  people: number
  /** Who may present: the community's members and the guests here now. */
  candidates: readonly RoundPerson[]
  /** A presenter already chosen for the next round (through the API), if any. */
  presenterId: string | null
  nameFor: (userId: string) => string | null
  communityId: string
  onStart: (protocolId: string, presenterId: string | null) => void
  selectRef: RefObject<HTMLSelectElement | null>
}

/**
 * Choosing a protocol to start, and who presents it. One form, one Start button: the protocol an
 * agenda item plans comes chosen, with that item's owner as presenter, until the facilitator
 * picks something else.
 */
export function ProtocolPicker(props: Props) {
  const { builtIn, own, find, suggested, people, candidates, communityId, onStart, selectRef } = props
  const selectId = useId()
  const presenterSelectId = useId()
  const plannedHintId = useId()
  // Null until the facilitator picks: the choice follows the agenda, which loads after this does.
  const [picked, setPicked] = useState<string | null>(null)
  const [pickedPresenter, setPickedPresenter] = useState<{ value: string | null } | null>(null)
  const planned = suggested.find((s) => find(s.protocolId) !== null)
  const chosen = picked ?? planned?.protocolId ?? own[0]?.id ?? builtIn[0]?.id ?? ''
  const protocol = find(chosen)
  const plannedFor = suggested.find((s) => s.protocolId === chosen) ?? null
  const presenterId = pickedPresenter
    ? pickedPresenter.value
    : (props.presenterId ?? plannedOwner(plannedFor, candidates))

  return (
    <div className="protocol-picker">
      <form
        className="protocol-picker__form"
        onSubmit={(event) => {
          event.preventDefault()
          if (protocol) onStart(protocol.id, presenterId)
        }}
      >
        <div className="field">
          <label htmlFor={selectId}>Choose a protocol</label>
          <select
            id={selectId}
            ref={selectRef}
            value={chosen}
            aria-describedby={plannedFor ? plannedHintId : undefined}
            onChange={(e) => setPicked(e.target.value)}
          >
            {own.length > 0 && (
              <optgroup label="Our protocols">
                {own.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </optgroup>
            )}
            <optgroup label="Library">
              {builtIn.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div className="field presenter-field">
          <label htmlFor={presenterSelectId}>Presenter</label>
          <PresenterSelect
            id={presenterSelectId}
            people={candidates}
            value={presenterId}
            nameFor={props.nameFor}
            onChange={(value) => setPickedPresenter({ value })}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={!protocol}>
          {protocol ? `Start ${protocol.name}` : 'Start'}
        </button>
      </form>
      {plannedFor && (
        <p className="hint" id={plannedHintId}>
          Planned on the agenda for “{plannedFor.itemTitle || 'Untitled item'}”.
        </p>
      )}
      {protocol && (
        <p className="hint">
          {protocol.purpose} {protocol.steps.length} steps, about {totalMinutes(protocol, people)} minutes.
        </p>
      )}
      <p className="hint">
        <Link to={`/c/${communityId}/protocols`}>Copy and adapt protocols</Link> for your team.
      </p>
    </div>
  )
}

/** The planned item's owner presents by default, if they are someone who can. */
function plannedOwner(planned: AgendaProtocol | null, candidates: readonly RoundPerson[]): string | null {
  const owner = planned?.ownerId ?? null
  return owner !== null && candidates.some((p) => p.userId === owner) ? owner : null
}

import { type RefObject, useId, useState } from 'react'
import { Link } from '../app/Link.tsx'
import type { Protocol } from './protocol-types.ts'
import { totalMinutes } from './protocol-types.ts'
import type { AgendaProtocol } from './useAgendaProtocols.ts'

interface Props {
  builtIn: Protocol[]
  own: Protocol[]
  find: (id: string | null) => Protocol | null
  suggested: AgendaProtocol[]
  people: number
  communityId: string
  onStart: (protocolId: string) => void
  selectRef: RefObject<HTMLSelectElement | null>
}

/** Choosing a protocol to start: the one an agenda item plans, or any from the library or the team's own. */
export function ProtocolPicker(props: Props) {
  const { builtIn, own, find, suggested, people, communityId, onStart, selectRef } = props
  const selectId = useId()
  const [chosen, setChosen] = useState(() => own[0]?.id ?? builtIn[0]?.id ?? '')
  const protocol = find(chosen)
  const planned = suggested.flatMap((s) => {
    const p = find(s.protocolId)
    return p ? [{ ...s, protocol: p }] : []
  })

  return (
    <div className="protocol-picker">
      {planned.length > 0 && (
        <ul className="protocol-picker__planned">
          {planned.map((s) => (
            <li key={s.itemId}>
              <button type="button" className="button button--primary" onClick={() => onStart(s.protocolId)}>
                Start {s.protocol.name}
              </button>{' '}
              <span className="muted">for “{s.itemTitle || 'Untitled item'}”</span>
            </li>
          ))}
        </ul>
      )}
      <form
        className="protocol-picker__form"
        onSubmit={(event) => {
          event.preventDefault()
          if (protocol) onStart(protocol.id)
        }}
      >
        <div className="field">
          <label htmlFor={selectId}>Choose a protocol</label>
          <select id={selectId} ref={selectRef} value={chosen} onChange={(e) => setChosen(e.target.value)}>
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
        <button type="submit" className="button button--primary" disabled={!protocol}>
          {protocol ? `Start ${protocol.name}` : 'Start'}
        </button>
      </form>
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

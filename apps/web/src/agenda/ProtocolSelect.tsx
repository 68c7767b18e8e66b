import { useId } from 'react'
import { totalMinutes } from '../protocols/protocol-types.ts'
import type { Protocols } from '../protocols/useProtocols.ts'

/** What to call an item's protocol: its name, or why this page cannot name it. */
export function linkedProtocolName(protocols: Protocols, protocolId: string): string {
  const protocol = protocols.find(protocolId)
  if (protocol) return protocol.name
  if (!protocols.loaded) return 'Loading protocols…'
  return 'A protocol that was deleted'
}

interface Props {
  label: string
  value: string | null
  protocols: Protocols
  onChange: (protocolId: string | null) => void
  className?: string
}

/** The protocol an agenda item plans (the facilitator is offered to start it there); "None" is always a choice. */
export function ProtocolSelect({ label, value, protocols, onChange, className }: Props) {
  const known = value === null || protocols.find(value) !== null
  return (
    <select
      aria-label={label}
      className={className}
      value={value ?? ''}
      onChange={(event) => onChange(event.target.value || null)}
    >
      <option value="">None</option>
      {!known && value !== null && <option value={value}>{linkedProtocolName(protocols, value)}</option>}
      {(
        [
          ['Our protocols', protocols.own],
          ['Library', protocols.builtIn],
        ] as const
      ).map(
        ([groupLabel, group]) =>
          group.length > 0 && (
            <optgroup key={groupLabel} label={groupLabel}>
              {group.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </optgroup>
          ),
      )}
    </select>
  )
}

interface LengthProps {
  protocols: Protocols
  protocolId: string
  /** The item's minutes. */
  minutes: number
  /** How many take turns in steps taken once per person. */
  people: number
  maxMinutes: number
  /** Gives the item the protocol's length; null where the agenda is read-only. */
  onSet: ((minutes: number) => void) | null
}

/**
 * A warning beside an item whose linked protocol needs more time than the item has ("Tuning
 * Protocol takes 72 min; this item has 40"), with a one-click fix for those who edit the agenda.
 */
export function ProtocolLengthWarning({
  protocols,
  protocolId,
  minutes,
  people,
  maxMinutes,
  onSet,
}: LengthProps) {
  const textId = useId()
  const protocol = protocols.find(protocolId)
  if (!protocol) return null
  const total = totalMinutes(protocol, people)
  if (total <= minutes) return null
  return (
    <p className="agenda-row__warning">
      <span id={textId}>
        {protocol.name} takes {total} min; this item has {minutes === 0 ? 'no minutes set' : minutes}.
      </span>
      {onSet && total <= maxMinutes && (
        <button
          type="button"
          className="button button--secondary button--small"
          aria-describedby={textId}
          onClick={() => onSet(total)}
        >
          Set to {total} min
        </button>
      )}
    </p>
  )
}

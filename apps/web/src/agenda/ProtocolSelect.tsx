import type { Protocols } from '../facilitation/useProtocols.ts'

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

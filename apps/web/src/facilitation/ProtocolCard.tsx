import type { ReactNode } from 'react'
import type { Protocol } from '../protocols/protocol-types.ts'

/** A protocol in a list: its name, purpose and steps (folded away), and the actions given. */
export function ProtocolCard({ protocol, children }: { protocol: Protocol; children?: ReactNode }) {
  const fixed = protocol.steps.filter((s) => !s.perMember).reduce((sum, s) => sum + s.minutes, 0)
  const turns = protocol.steps.some((s) => s.perMember)
  return (
    <li className="protocol-card">
      <div className="protocol-card__head">
        <h3 className="protocol-card__name">{protocol.name}</h3>
        <div className="protocol-card__actions">{children}</div>
      </div>
      {protocol.purpose && <p className="protocol-card__purpose">{protocol.purpose}</p>}
      <details className="protocol-card__steps">
        <summary>
          {protocol.steps.length} steps, about {fixed} minutes{turns ? ' plus turns' : ''}
        </summary>
        <ol>
          {protocol.steps.map((step, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps have no id; the list is read-only here
            <li key={index}>
              <strong>{step.title}</strong> · {step.minutes} min{step.perMember ? ' each' : ''}
              {step.range && step.range.min !== step.range.max
                ? ` (${step.range.min}–${step.range.max})`
                : ''}
              {step.presenterSilent ? ' · presenter silent' : ''}
            </li>
          ))}
        </ol>
      </details>
    </li>
  )
}

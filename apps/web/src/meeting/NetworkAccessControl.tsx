import type { MeetingView } from '@confer/api'
import { useId, useState } from 'react'
import { type GuestRole, getCommunity, setNetworkAccess } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import { useAction } from '../ui/useAction.ts'
import { SharePlanCheckbox } from './SharePlanCheckbox.tsx'

const CHOICES: { value: string; role: GuestRole; label: string }[] = [
  { value: 'closed', role: null, label: 'Closed' },
  { value: 'observer', role: 'observer', label: 'Observers (read only)' },
  { value: 'member', role: 'member', label: 'Members (can write notes)' },
]

/**
 * For facilitators whose community is in a network: let the other communities' people into
 * this one meeting, read-only or as members, and once it is open show them the plan (SPEC G5).
 * Shown only when there is a network to open to.
 */
export function NetworkAccessControl({
  view,
  onChange,
}: {
  view: MeetingView
  onChange: (view: MeetingView) => void
}) {
  const id = useId()
  const { meeting } = view
  const community = useApi(`community:${meeting.communityId}`, (signal) =>
    getCommunity(meeting.communityId, signal).then((answer) => answer.community),
  )
  const action = useAction()
  const [saved, setSaved] = useState('')
  const networks = community.data?.networks ?? []
  if (networks.length === 0) return null

  const current = CHOICES.find((choice) => choice.role === meeting.networkGuestRole) ?? CHOICES[0]
  const choose = async (value: string) => {
    const choice = CHOICES.find((c) => c.value === value)
    if (!choice) return
    setSaved('')
    const outcome = await action.run(() => setNetworkAccess(meeting.id, choice.role))
    if (!outcome.ok) return
    onChange(outcome.value)
    setSaved(choice.role ? 'Network guests can now open this meeting.' : 'Closed to network guests.')
  }

  return (
    <div className="network-access">
      <label htmlFor={id}>Open to network guests</label>
      <p id={`${id}-hint`} className="hint">
        People in the other communities of {networks.map((n) => n.name).join(', ')}.
      </p>
      <select
        id={id}
        aria-describedby={`${id}-hint`}
        value={current?.value}
        disabled={action.pending}
        onChange={(event) => void choose(event.target.value)}
      >
        {CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      {action.error && (
        <p className="error" role="alert">
          {action.error.message}
        </p>
      )}
      {meeting.networkGuestRole !== null && (
        <SharePlanCheckbox view={view} onChange={onChange} onSaved={setSaved} />
      )}
      <p className="success-note" role="status">
        {saved}
      </p>
    </div>
  )
}

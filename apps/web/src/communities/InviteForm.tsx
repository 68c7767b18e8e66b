import type { Invite, Role } from '@confer/api'
import { type FormEvent, useState } from 'react'
import { createInvite } from '../api/endpoints.ts'
import { CopyLinkField } from '../ui/CopyLinkField.tsx'
import { Field } from '../ui/Field.tsx'
import { formatDateTime, ROLE_HINTS, ROLE_LABELS, ROLES } from '../ui/format.ts'
import { useAction } from '../ui/useAction.ts'

const EXPIRY_CHOICES = [
  { hours: 24, label: '1 day' },
  { hours: 72, label: '3 days' },
  { hours: 7 * 24, label: '7 days' },
  { hours: 30 * 24, label: '30 days' },
] as const

export const inviteUrl = (code: string): string =>
  `${window.location.origin}/invite/${encodeURIComponent(code)}`

export function InviteForm({ communityId, onCreated }: { communityId: string; onCreated: () => void }) {
  const [role, setRole] = useState<Role>('member')
  const [hours, setHours] = useState(7 * 24)
  const [invite, setInvite] = useState<Invite | null>(null)
  const action = useAction()

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const outcome = await action.run(() => createInvite(communityId, { role, expiresInHours: hours }))
    if (!outcome.ok) return
    setInvite(outcome.value)
    onCreated()
  }

  return (
    <>
      <form className="stack-form invite-form" onSubmit={onSubmit} aria-label="New invitation link">
        <div className="invite-form__choices">
          <Field label="Role" hint={`${ROLE_LABELS[role]}: ${ROLE_HINTS[role]}.`}>
            {(control) => (
              <select {...control} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Link works for">
            {(control) => (
              <select {...control} value={hours} onChange={(e) => setHours(Number(e.target.value))}>
                {EXPIRY_CHOICES.map((choice) => (
                  <option key={choice.hours} value={choice.hours}>
                    {choice.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {action.error && (
          <p className="error" role="alert">
            {action.error.message}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={action.pending}>
          {action.pending ? 'Creating link…' : 'Create invitation link'}
        </button>
      </form>
      {invite && (
        <CopyLinkField
          key={invite.code}
          label="Invitation link"
          url={inviteUrl(invite.code)}
          hint={`Anyone with this link can join as ${invite.role === 'observer' ? 'an' : 'a'} ${invite.role} until ${formatDateTime(invite.expiresAt)}. Send it to your colleagues.`}
        />
      )}
    </>
  )
}

import { useState } from 'react'
import { type ActiveInvite, revokeInvite } from '../api/endpoints.ts'
import type { Resource } from '../api/useApi.ts'
import { formatDateTime, formatRelative, ROLE_LABELS } from '../ui/format.ts'
import { PageLoading } from '../ui/PageLoading.tsx'
import { useAction } from '../ui/useAction.ts'

interface Props {
  communityId: string
  invites: Resource<ActiveInvite[]>
}

/** Links that still work; revoking one stops it at once. */
export function ActiveInvites({ communityId, invites }: Props) {
  const action = useAction()
  const [revoked, setRevoked] = useState('')

  const revoke = async (invite: ActiveInvite) => {
    setRevoked('')
    const outcome = await action.run(() => revokeInvite(communityId, invite.id))
    if (!outcome.ok) return
    setRevoked(`The ${invite.role} link created ${formatDateTime(invite.createdAt)} no longer works.`)
    invites.reload()
  }

  return (
    <section className="active-invites" aria-labelledby="active-invites-title">
      <h3 id="active-invites-title">Active invitation links</h3>
      {action.error && (
        <p className="error" role="alert">
          {action.error.message}
        </p>
      )}
      <p className="success-note" role="status">
        {revoked}
      </p>
      {invites.data ? (
        invites.data.length === 0 ? (
          <p className="empty-note">No active links.</p>
        ) : (
          <ul className="invite-list">
            {invites.data.map((invite) => (
              <li key={invite.id} className="invite-list__item">
                <span>
                  <strong>{ROLE_LABELS[invite.role]}</strong>
                  <span className="meta">
                    {' '}
                    · created {formatRelative(invite.createdAt)} · until {formatDateTime(invite.expiresAt)} (
                    {formatRelative(invite.expiresAt)})
                  </span>
                </span>
                <button
                  type="button"
                  className="button button--quiet button--small"
                  disabled={action.pending}
                  onClick={() => void revoke(invite)}
                >
                  Revoke
                  <span className="visually-hidden">
                    {' '}
                    the {invite.role} link created {formatDateTime(invite.createdAt)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : invites.error ? (
        <p className="error">{invites.error.message}</p>
      ) : (
        <PageLoading label="Loading links…" />
      )}
    </section>
  )
}

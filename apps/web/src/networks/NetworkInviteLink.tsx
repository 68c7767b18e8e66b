import { useState } from 'react'
import { createNetworkInvite, type NetworkInvite } from '../api/endpoints.ts'
import { CopyLinkField } from '../ui/CopyLinkField.tsx'
import { formatDateTime } from '../ui/format.ts'
import { useAction } from '../ui/useAction.ts'

export const networkInviteUrl = (code: string): string =>
  `${window.location.origin}/network-invite/${encodeURIComponent(code)}`

/** For facilitators: a link that lets another school's facilitator bring their community in. */
export function NetworkInviteLink({ networkId }: { networkId: string }) {
  const [invite, setInvite] = useState<NetworkInvite | null>(null)
  const action = useAction()

  const create = async () => {
    const outcome = await action.run(() => createNetworkInvite(networkId))
    if (outcome.ok) setInvite(outcome.value)
  }

  return (
    <section className="card" aria-labelledby="network-invite-title">
      <h2 id="network-invite-title">Invite another community</h2>
      <p className="hint">
        Send the link to the facilitator of a team at another school. They choose which of their communities
        joins.
      </p>
      {action.error && (
        <p className="error" role="alert">
          {action.error.message}
        </p>
      )}
      <button
        type="button"
        className="button button--primary"
        disabled={action.pending}
        onClick={() => void create()}
      >
        {invite ? 'Create another link' : 'Create network invitation link'}
      </button>
      {invite && (
        <CopyLinkField
          key={invite.code}
          label="Network invitation link"
          url={networkInviteUrl(invite.code)}
          hint={`Works until ${formatDateTime(invite.expiresAt)}.`}
        />
      )}
    </section>
  )
}

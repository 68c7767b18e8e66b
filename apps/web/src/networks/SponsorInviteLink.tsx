import type { SponsorInvite } from '@confer/api'
import { useState } from 'react'
import { CopyLinkField } from '../ui/CopyLinkField.tsx'
import { formatDateTime } from '../ui/format.ts'
import { useAction } from '../ui/useAction.ts'
import { networkInviteUrl } from './NetworkInviteLink.tsx'
import { createSponsorInvite } from './sponsor-api.ts'

/**
 * For facilitators of the network's communities: a link that makes whoever accepts it a sponsor
 * (a principal, a district lead), who then follows every community's progress and nothing else.
 */
export function SponsorInviteLink({ networkId }: { networkId: string }) {
  const [invite, setInvite] = useState<SponsorInvite | null>(null)
  const action = useAction()

  const create = async () => {
    const outcome = await action.run(() => createSponsorInvite(networkId))
    if (outcome.ok) setInvite(outcome.value)
  }

  return (
    <section className="card" aria-labelledby="sponsor-invite-title">
      <h2 id="sponsor-invite-title">Invite a sponsor</h2>
      <p className="hint">
        A sponsor follows the progress of every community in this network: goals, the cycle, meetings held,
        action items. They see no notes, documents or meetings.
      </p>
      {action.error && (
        <p className="error" role="alert">
          {action.error.message}
        </p>
      )}
      <button
        type="button"
        className="button button--secondary"
        disabled={action.pending}
        onClick={() => void create()}
      >
        {invite ? 'Create another sponsor link' : 'Create sponsor invitation link'}
      </button>
      {invite && (
        <CopyLinkField
          key={invite.code}
          label="Sponsor invitation link"
          url={networkInviteUrl(invite.code)}
          hint={`Works until ${formatDateTime(invite.expiresAt)}.`}
        />
      )}
    </section>
  )
}

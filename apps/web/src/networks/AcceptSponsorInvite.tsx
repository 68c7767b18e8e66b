import type { NetworkInvitePreview } from '@confer/api'
import { navigate } from '../routing/router.ts'
import { refreshSession } from '../session/session-store.ts'
import { useAction } from '../ui/useAction.ts'
import { acceptSponsorInvite } from './sponsor-api.ts'

/**
 * A sponsor invitation (SPEC PR4): accepting it lands the person on the network's progress, the
 * one page of the network they may open.
 */
export function AcceptSponsorInvite({ code, invite }: { code: string; invite: NetworkInvitePreview }) {
  const action = useAction()
  const name = invite.network.name

  const accept = async () => {
    const outcome = await action.run(async () => {
      const accepted = await acceptSponsorInvite(code)
      // The home page lists the networks this person sponsors from here on.
      await refreshSession()
      return accepted
    })
    if (outcome.ok) navigate(`/n/${outcome.value.network.id}/progress`)
  }

  return (
    <section className="page page--narrow" aria-labelledby="network-invite-title">
      <p className="eyebrow">Sponsor invitation</p>
      <h1 id="network-invite-title">Sponsor {name}</h1>
      <p className="lede">
        {invite.invitedBy ?? 'A facilitator in the network'} invited you to follow the progress of the
        communities in <strong>{name}</strong>: their goals, where they are in the improvement cycle, meetings
        held and action items. Their notes and documents stay theirs.
      </p>
      {invite.network.purpose && <p className="network-invite__purpose">{invite.network.purpose}</p>}
      <div className="card">
        {action.error && (
          <p className="error" role="alert">
            {action.error.message}
          </p>
        )}
        <button
          type="button"
          className="button button--primary"
          disabled={action.pending}
          onClick={() => void accept()}
        >
          {action.pending ? 'Accepting…' : `Become a sponsor of ${name}`}
        </button>
      </div>
    </section>
  )
}

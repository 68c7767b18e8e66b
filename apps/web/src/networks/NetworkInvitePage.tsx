import type { NetworkInvitePreview } from '@confer/api'
import { type FormEvent, useState } from 'react'
import { acceptNetworkInvite } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import { Link } from '../routing/Link.tsx'
import { navigate } from '../routing/router.ts'
import { useDocumentTitle } from '../routing/useDocumentTitle.ts'
import { useMe } from '../session/useSession.ts'
import { Field } from '../ui/Field.tsx'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import { useAction } from '../ui/useAction.ts'
import { AcceptSponsorInvite } from './AcceptSponsorInvite.tsx'
import { getNetworkInvite } from './networks-api.ts'
import './networks.css'

/**
 * `/network-invite/:code`: a facilitator brings one of their communities into a network, told
 * first which network it is and who invited them (SPEC G2).
 */
export function NetworkInvitePage({ code }: { code: string }) {
  const preview = useApi(`network-invite:${code}`, (signal) =>
    getNetworkInvite(code, signal).then((a) => a.invite),
  )
  useDocumentTitle(preview.data ? `Join ${preview.data.network.name}` : 'Network invitation')
  if (!preview.data) {
    return (
      <section className="page page--narrow" aria-labelledby="network-invite-title">
        <p className="eyebrow">Network invitation</p>
        {preview.error ? (
          <>
            <h1 id="network-invite-title">This network invitation cannot be used</h1>
            {preview.error.notFound || preview.error.status === 410 ? (
              <p className="error" role="alert">
                {preview.error.message} Ask the facilitator who sent it for a new link.
              </p>
            ) : (
              <LoadError error={preview.error} what="this invitation" onRetry={preview.reload} />
            )}
          </>
        ) : (
          <>
            <h1 id="network-invite-title">Network invitation</h1>
            <PageLoading label="Loading the invitation…" />
          </>
        )}
      </section>
    )
  }
  // A sponsor invitation makes a person a sponsor, not a community a member (SPEC PR4).
  if (preview.data.kind === 'sponsor') return <AcceptSponsorInvite code={code} invite={preview.data} />
  return <AcceptNetworkInvite code={code} invite={preview.data} />
}

function AcceptNetworkInvite({ code, invite }: { code: string; invite: NetworkInvitePreview }) {
  const me = useMe()
  const facilitated = me.communities.filter((c) => c.role === 'facilitator')
  const [communityId, setCommunityId] = useState(facilitated[0]?.id ?? '')
  const action = useAction()

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const outcome = await action.run(() => acceptNetworkInvite(code, communityId))
    if (outcome.ok) navigate(`/n/${outcome.value.network.id}`)
  }

  return (
    <section className="page page--narrow" aria-labelledby="network-invite-title">
      <p className="eyebrow">Network invitation</p>
      <h1 id="network-invite-title">Join {invite.network.name}</h1>
      <p className="lede">
        {invite.invitedBy ?? 'A facilitator from another school'} invited your team into the network{' '}
        <strong>{invite.network.name}</strong>. Its communities can open chosen meetings to each other.
      </p>
      {invite.network.purpose && <p className="network-invite__purpose">{invite.network.purpose}</p>}
      {facilitated.length === 0 ? (
        <div className="card">
          <p>
            Only a facilitator of a community can accept a network invitation, and you do not facilitate one
            yet. Create a community for your team first, or forward this link to your team’s facilitator.
          </p>
          <Link to="/">Go to the start page</Link>
        </div>
      ) : (
        <form className="card stack-form" onSubmit={onSubmit} aria-label={`Join ${invite.network.name}`}>
          <Field label="Community that joins" hint="Only communities you facilitate are listed.">
            {(control) => (
              <select {...control} value={communityId} onChange={(e) => setCommunityId(e.target.value)}>
                {facilitated.map((community) => (
                  <option key={community.id} value={community.id}>
                    {community.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {action.error && (
            <p className="error" role="alert">
              {action.error.message}
            </p>
          )}
          <button type="submit" className="button button--primary" disabled={action.pending}>
            {action.pending ? 'Joining…' : `Join ${invite.network.name}`}
          </button>
        </form>
      )}
    </section>
  )
}

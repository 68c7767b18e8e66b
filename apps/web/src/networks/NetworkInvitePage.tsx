import { type FormEvent, useState } from 'react'
import { acceptNetworkInvite } from '../api/endpoints.ts'
import { Link } from '../app/Link.tsx'
import { navigate } from '../app/router.ts'
import { useDocumentTitle } from '../app/useDocumentTitle.ts'
import { useMe } from '../auth/useSession.ts'
import { Field } from '../ui/Field.tsx'
import { useAction } from '../ui/useAction.ts'
import './networks.css'

/** `/network-invite/:code`: a facilitator brings one of their communities into a network. */
export function NetworkInvitePage({ code }: { code: string }) {
  useDocumentTitle('Network invitation')
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
      <h1 id="network-invite-title">Bring your community into a network</h1>
      <p className="lede">
        A facilitator from another school invited your team into their network. Its communities can open
        chosen meetings to each other.
      </p>
      {facilitated.length === 0 ? (
        <div className="card">
          <p>
            Only a facilitator of a community can accept a network invitation, and you do not facilitate one
            yet. Create a community for your team first, or forward this link to your team’s facilitator.
          </p>
          <Link to="/">Go to the start page</Link>
        </div>
      ) : (
        <form className="card stack-form" onSubmit={onSubmit} aria-label="Join the network">
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
            {action.pending ? 'Joining…' : 'Join the network'}
          </button>
        </form>
      )}
    </section>
  )
}

import type { CharterAffirmations, Community } from '@confer/api'
import type { Norm } from '@confer/model'
import { useEffect } from 'react'
import { useApi } from '../api/useApi.ts'
import { useMe } from '../auth/useSession.ts'
import { formatDateTime } from '../ui/format.ts'
import { useAction } from '../ui/useAction.ts'
import { affirmCharter, getAffirmations } from './charter-api.ts'
import { useNormsVersion } from './useNorms.ts'

type Person = CharterAffirmations['people'][number]

/** "I agree to these norms", and who has agreed to this version, to an earlier one, or not yet. */
export function AffirmationPanel({ community, norms }: { community: Community; norms: Norm[] }) {
  const me = useMe()
  const version = useNormsVersion(norms)
  const resource = useApi(`affirmations:${community.id}`, (signal) => getAffirmations(community.id, signal))
  const action = useAction()
  const { reload } = resource
  const serverVersion = resource.data?.version

  // The norms on screen changed (here or elsewhere): ask again once the typing settles.
  useEffect(() => {
    if (!version || !serverVersion || version === serverVersion) return
    const timer = setTimeout(reload, 700)
    return () => clearTimeout(timer)
  }, [version, serverVersion, reload])

  const people = resource.data?.people ?? []
  const agreed = people.filter((p) => p.affirmedAt && p.current)
  const earlier = people.filter((p) => p.affirmedAt && !p.current)
  const notYet = people.filter((p) => !p.affirmedAt)
  const mine = people.find((p) => p.userId === me.user.id)
  const canAffirm = community.role !== 'observer' && norms.length > 0

  const affirm = async () => {
    if (!version) return
    const outcome = await action.run(() => affirmCharter(community.id, version))
    if (outcome.ok) resource.setData(outcome.value)
    else reload()
  }

  return (
    <section className="card charter-section affirmations" aria-labelledby="affirm-title">
      <h2 id="affirm-title">Agreement</h2>
      {canAffirm &&
        (mine?.current ? (
          <p className="affirm-done">✓ You agreed to these norms.</p>
        ) : (
          <button
            type="button"
            className="button button--primary"
            disabled={action.pending || !version}
            onClick={() => void affirm()}
          >
            I agree to these norms
          </button>
        ))}
      {action.error && (
        <p className="error" role="alert">
          {action.error.status === 409
            ? 'The norms changed while you were reading. Read them again, then agree.'
            : action.error.message}
        </p>
      )}
      {resource.error && !resource.data && (
        <p className="error">Could not load who agreed. {resource.error.message}</p>
      )}
      {!resource.data && !resource.error && <p className="notice">Loading who agreed…</p>}
      {resource.data && (
        <div aria-live="polite">
          <PeopleList id="affirm-current" title="Agreed to this version" people={agreed} showDate />
          {earlier.length > 0 && (
            <PeopleList
              id="affirm-stale"
              title="Agreed to an earlier version"
              people={earlier}
              showDate
              stale
            />
          )}
          <PeopleList id="affirm-none" title="Not yet agreed" people={notYet} />
        </div>
      )}
    </section>
  )
}

interface ListProps {
  id: string
  title: string
  people: Person[]
  showDate?: boolean
  stale?: boolean
}

function PeopleList({ id, title, people, showDate, stale }: ListProps) {
  return (
    <section aria-labelledby={id} className="affirm-group">
      <h3 id={id}>
        {title} ({people.length})
      </h3>
      {people.length === 0 ? (
        <p className="notice">Nobody.</p>
      ) : (
        <ul className="affirm-list">
          {people.map((person) => (
            <li key={person.userId} data-stale={stale || undefined}>
              <span className="affirm-list__name">{person.name}</span>
              {stale && <span className="tag tag--stale">agreed to an earlier version</span>}
              {showDate && person.affirmedAt && (
                <span className="affirm-list__when"> · {formatDateTime(person.affirmedAt)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

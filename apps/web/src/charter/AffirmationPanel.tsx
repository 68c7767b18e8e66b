import type { CharterAffirmations, Community } from '@confer/api'
import { type Norm, versionTexts } from '@confer/model'
import { useEffect, useMemo, useRef } from 'react'
import { formatDateTime } from '../ui/format.ts'
import { useAction } from '../ui/useAction.ts'
import { affirmCharter } from './charter-api.ts'
import { NormsChanges } from './NormsChanges.tsx'
import { useAffirmations } from './useAffirmations.ts'
import { useNormsVersion } from './useNorms.ts'
import type { SettledNorms } from './useSettledNorms.ts'

type Person = CharterAffirmations['people'][number]

interface Props {
  community: Community
  /** The norms as they are this moment, and as they were when the wording last settled. */
  norms: Norm[]
  settled: SettledNorms
}

/**
 * "I agree to these norms", and who agreed to this version, to an earlier one, or not yet.
 * Agreements are compared with the settled wording (SPEC N3), and arrive live (SPEC U1).
 */
export function AffirmationPanel({ community, norms, settled }: Props) {
  const version = useNormsVersion(norms)
  const settledVersion = useNormsVersion(settled.norms)
  const resource = useAffirmations(community.id)
  const action = useAction()
  const { reload } = resource

  // The wording settled on something else than the server last said: ask who agreed to it.
  const reloadRef = useRef(reload)
  reloadRef.current = reload
  const serverVersion = resource.data?.version
  const stale = settledVersion !== null && serverVersion !== undefined && settledVersion !== serverVersion
  useEffect(() => {
    if (settledVersion !== null && stale) reloadRef.current()
  }, [stale, settledVersion])

  const settledTexts = useMemo(() => versionTexts(settled.norms), [settled.norms])
  const agreedNow = (p: Person) => (p.agreedVersion ?? null) === settledVersion
  const people = resource.data?.people ?? []
  const agreed = people.filter((p) => p.affirmedAt && agreedNow(p))
  const earlier = people.filter((p) => p.affirmedAt && !agreedNow(p))
  const notYet = people.filter((p) => !p.affirmedAt)
  const mine = resource.data?.mine ?? null
  const myAgreementIsCurrent = mine !== null && mine.version === settledVersion
  const canAffirm = community.role !== 'observer' && norms.length > 0

  const affirm = async () => {
    if (!version) return
    const outcome = await action.run(() => affirmCharter(community.id, version))
    if (outcome.ok) resource.setData(outcome.value)
    else reload()
  }
  const agreeButton = (label: string) => (
    <button
      type="button"
      className="button button--primary"
      disabled={action.pending || !version || settled.changing}
      onClick={() => void affirm()}
    >
      {label}
    </button>
  )

  return (
    <section className="card charter-section affirmations" aria-labelledby="affirm-title">
      <h2 id="affirm-title">Agreement</h2>
      {canAffirm && settled.changing && (
        <p className="notice">The norms are being edited. You can agree once the wording settles.</p>
      )}
      {canAffirm &&
        resource.data &&
        (myAgreementIsCurrent ? (
          <p className="affirm-done">✓ You agreed to these norms.</p>
        ) : mine ? (
          <div className="reagree" role="status">
            <p>
              <strong>The norms changed since you agreed</strong> on {formatDateTime(mine.affirmedAt)}.
            </p>
            <details className="reagree__changes">
              <summary>See what changed</summary>
              <NormsChanges agreed={mine.norms} current={settledTexts} />
            </details>
            {agreeButton('Agree again')}
          </div>
        ) : (
          agreeButton('I agree to these norms')
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

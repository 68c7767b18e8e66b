import type { Norm } from '@confer/model'
import { Link } from '../routing/Link.tsx'
import { useMe } from '../session/useSession.ts'
import { useAffirmations } from './useAffirmations.ts'
import { useNormsVersion } from './useNorms.ts'
import { useSettledNorms } from './useSettledNorms.ts'

/** In a meeting: how many agreed to the norms as they read now, kept live (SPEC U1, N3). */
export function AgreementSummary({ communityId, norms }: { communityId: string; norms: Norm[] }) {
  const me = useMe()
  const settled = useSettledNorms(norms, null)
  const version = useNormsVersion(settled.norms)
  const resource = useAffirmations(communityId)
  if (!resource.data || version === null) return null
  const people = resource.data.people
  const agreed = people.filter((p) => p.agreedVersion === version)
  const mine = resource.data.mine
  const charter = `/c/${communityId}/charter`
  return (
    <div className="agreement-summary" aria-live="polite">
      <p>
        {agreed.length} of {people.length} agreed to these norms
        {agreed.length > 0 && `: ${agreed.map((p) => p.name).join(', ')}`}.
      </p>
      {mine && mine.version !== version && (
        <p className="notice">
          The norms changed since you agreed. <Link to={charter}>See what changed and agree again</Link>.
        </p>
      )}
      {!mine && people.some((p) => p.userId === me.user.id && p.role !== 'observer') && (
        <p className="notice">
          You have not agreed yet. <Link to={charter}>Read and agree</Link>.
        </p>
      )}
    </div>
  )
}

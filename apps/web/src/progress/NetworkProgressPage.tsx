import { isId } from '@confer/model'
import { useId } from 'react'
import { useApi } from '../api/useApi.ts'
import { Link } from '../routing/Link.tsx'
import { NotFound } from '../routing/NotFound.tsx'
import { useDocumentTitle } from '../routing/useDocumentTitle.ts'
import { useMe } from '../session/useSession.ts'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import { ProgressView } from './ProgressView.tsx'
import { getNetworkProgress } from './progress-api.ts'
import { useProgressRefresh } from './useProgressRefresh.ts'
import './progress.css'

/**
 * `/n/:networkId/progress`: the progress of every community in a network (SPEC PR4), for its
 * sponsors and the facilitators of its communities. Links lead only where the viewer may go: a
 * sponsor gets no link into a community or to the network's page.
 */
export default function NetworkProgressPage({ networkId }: { networkId: string }) {
  if (!isId(networkId)) return <NotFound />
  return <NetworkProgress networkId={networkId} />
}

function NetworkProgress({ networkId }: { networkId: string }) {
  const me = useMe()
  const resource = useApi(`network-progress:${networkId}`, (signal) => getNetworkProgress(networkId, signal))
  useProgressRefresh(resource.reload)
  const data = resource.data
  useDocumentTitle(data ? `Progress · ${data.network.name}` : 'Network progress')

  if (resource.error?.notFound) return <NotFound />
  if (!data) {
    if (resource.error?.status === 403) {
      return (
        <div className="page page--narrow">
          <h1>Network progress</h1>
          <p className="notice" role="alert">
            {resource.error.message}
          </p>
        </div>
      )
    }
    return resource.error ? (
      <LoadError error={resource.error} what="the network’s progress" onRetry={resource.reload} />
    ) : (
      <PageLoading label="Loading progress…" />
    )
  }
  const mine = new Map(me.communities.map((c) => [c.id, c.role]))
  const sponsor = (me.sponsoring ?? []).some((network) => network.id === networkId)
  return (
    <div className="page progress-page">
      <p className="eyebrow">
        {mine.size > 0 && !sponsor ? <Link to={`/n/${networkId}`}>{data.network.name}</Link> : 'Network'}
      </p>
      <h1>Progress of {data.network.name}</h1>
      <p className="lede">
        {sponsor
          ? 'You sponsor this network: you follow the progress of each of its communities, not their notes or documents.'
          : 'The progress of each community in the network, as its sponsors see it.'}
      </p>
      {data.communities.length === 0 && <p className="notice">No communities in this network yet.</p>}
      {data.communities.map((community) => (
        <CommunitySection
          key={community.id}
          name={community.name}
          link={mine.has(community.id) ? `/c/${community.id}/progress` : null}
          progress={community.progress}
        />
      ))}
    </div>
  )
}

function CommunitySection({
  name,
  link,
  progress,
}: {
  name: string
  link: string | null
  progress: Parameters<typeof ProgressView>[0]['progress']
}) {
  const id = useId()
  return (
    <section className="network-progress__community" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{link ? <Link to={link}>{name}</Link> : name}</h2>
      <ProgressView progress={progress} level={3} />
    </section>
  )
}

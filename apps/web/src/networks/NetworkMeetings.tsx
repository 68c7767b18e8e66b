import { useApi } from '../api/useApi.ts'
import { useLiveReload } from '../api/useLiveEvents.ts'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import { getNetworkMeetings } from './networks-api.ts'
import { OpenedMeetingList } from './OpenedMeetingList.tsx'

/** The network page's meetings opened to its guests, its own communities' included (SPEC G1). */
export function NetworkMeetings({ networkId }: { networkId: string }) {
  const resource = useApi(`network-meetings:${networkId}`, (signal) => getNetworkMeetings(networkId, signal))
  useLiveReload({ types: ['meetings'] }, resource.reload)
  const meetings = resource.data?.meetings
  return (
    <section className="card" aria-labelledby="network-meetings-title">
      <h2 id="network-meetings-title">Meetings open to the network</h2>
      {meetings ? (
        meetings.length === 0 ? (
          <p className="empty-note">
            No upcoming meeting is open to the network. A facilitator opens one from its meeting page.
          </p>
        ) : (
          <OpenedMeetingList meetings={meetings} showNetwork={false} />
        )
      ) : resource.error ? (
        <LoadError error={resource.error} what="the network’s meetings" onRetry={resource.reload} />
      ) : (
        <PageLoading label="Loading meetings…" />
      )}
    </section>
  )
}

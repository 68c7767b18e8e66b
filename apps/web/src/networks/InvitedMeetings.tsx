import { useApi } from '../api/useApi.ts'
import { useLiveReload } from '../api/useLiveEvents.ts'
import { LoadError } from '../ui/LoadError.tsx'
import { getGuestMeetings } from './networks-api.ts'
import { OpenedMeetingList } from './OpenedMeetingList.tsx'
import './networks.css'

/**
 * Home page: meetings other communities of my networks opened to me (SPEC G1). Most people belong
 * to no network, so the section stays out of the way (nothing while loading or when empty).
 */
export function InvitedMeetings() {
  const resource = useApi('guest-meetings', getGuestMeetings)
  useLiveReload({ types: ['meetings'] }, resource.reload)
  const meetings = resource.data?.meetings
  if (!meetings?.length && !resource.error) return null
  return (
    <section className="page invited-meetings" aria-labelledby="invited-meetings-title">
      <div className="card">
        <h2 id="invited-meetings-title">Meetings you’re invited to</h2>
        {meetings?.length ? (
          <OpenedMeetingList meetings={meetings} showNetwork />
        ) : (
          resource.error && (
            <LoadError
              error={resource.error}
              what="the meetings you’re invited to"
              onRetry={resource.reload}
            />
          )
        )}
      </div>
    </section>
  )
}

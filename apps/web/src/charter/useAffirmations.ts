import { useApi } from '../api/useApi.ts'
import { useLiveReload } from '../api/useLiveEvents.ts'
import { getAffirmations } from './charter-api.ts'

/** Who agreed, fetched again whenever anyone of the community agrees (or after a reconnect). */
export function useAffirmations(communityId: string) {
  const resource = useApi(`affirmations:${communityId}`, (signal) => getAffirmations(communityId, signal))
  useLiveReload({ types: ['charter'], communityId }, resource.reload)
  return resource
}

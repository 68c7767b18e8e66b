import { useApi } from '../api/useApi.ts'
import { useLiveReload } from '../api/useLiveEvents.ts'
import { listResources } from './resources-api.ts'

/** The community's resources, fetched again when anyone adds or deletes one (SPEC RS8). */
export function useResources(communityId: string) {
  const resources = useApi(`resources:${communityId}`, (signal) =>
    listResources(communityId, signal).then((answer) => answer.resources),
  )
  useLiveReload({ types: ['resources'], communityId }, resources.reload)
  return resources
}

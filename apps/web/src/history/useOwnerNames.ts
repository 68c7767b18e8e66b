import { useCallback, useMemo } from 'react'
import { getCommunity } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import type { NameOf } from './version-content.ts'

/**
 * Names of the community's people, for owners in a version's details. Guests cannot read the
 * community (null): owners then read as "a member".
 */
export function useOwnerNames(communityId: string | null): NameOf {
  const resource = useApi(communityId ? `community:${communityId}` : null, (signal) =>
    getCommunity(communityId as string, signal),
  )
  const names = useMemo(
    () => new Map((resource.data?.community.members ?? []).map((m) => [m.userId, m.name])),
    [resource.data],
  )
  return useCallback((userId: string) => names.get(userId) ?? 'a member', [names])
}

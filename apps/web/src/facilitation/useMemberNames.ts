import type { Member } from '@confer/api'
import { useCallback, useMemo } from 'react'
import { getCommunity } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'

export interface MemberNames {
  /** The community's people, in the order the community lists them; empty for guests. */
  members: Member[]
  /** A go-round entry's name; someone nobody has named yet gets a neutral label. */
  nameOf: (userId: string, position: number) => string
  /** Someone's name (the presenter's, say), or null while nobody has named them. */
  nameFor: (userId: string) => string | null
}

/**
 * Names for the go-round and the presenter: the community's members, and `known` (the run
 * context's names, which is all guests have: they cannot read the community).
 */
export function useMemberNames(
  communityId: string,
  guest: boolean,
  known: ReadonlyMap<string, string>,
): MemberNames {
  const resource = useApi(guest ? null : `community:${communityId}`, (signal) =>
    getCommunity(communityId, signal),
  )
  const members = useMemo(() => resource.data?.community.members ?? [], [resource.data])
  const names = useMemo(() => new Map(members.map((m) => [m.userId, m.name])), [members])
  const nameFor = useCallback(
    (userId: string) => names.get(userId) ?? known.get(userId) ?? null,
    [names, known],
  )
  const nameOf = useCallback(
    (userId: string, position: number) => nameFor(userId) ?? `Person ${position + 1} in the go-round`,
    [nameFor],
  )
  return { members, nameOf, nameFor }
}

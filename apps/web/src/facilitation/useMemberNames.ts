import type { Member } from '@confer/api'
import { useCallback, useMemo } from 'react'
import { getCommunity } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'

export interface MemberNames {
  /** The community's people, in the order the community lists them; empty for guests. */
  members: Member[]
  /** A go-round entry's name; guests, who cannot read the community, get a neutral label. */
  nameOf: (userId: string, position: number) => string
}

export function useMemberNames(communityId: string, guest: boolean): MemberNames {
  const resource = useApi(guest ? null : `community:${communityId}`, (signal) =>
    getCommunity(communityId, signal),
  )
  const members = useMemo(() => resource.data?.community.members ?? [], [resource.data])
  const names = useMemo(() => new Map(members.map((m) => [m.userId, m.name])), [members])
  const nameOf = useCallback(
    (userId: string, position: number) => names.get(userId) ?? `Person ${position + 1} in the go-round`,
    [names],
  )
  return { members, nameOf }
}

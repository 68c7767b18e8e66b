import type { MeetingView } from '@confer/api'
import { useMemo } from 'react'
import { getCommunity } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import type { Participant } from '../collab/usePresence.ts'

export interface PersonChoice {
  id: string
  name: string
}

export interface MeetingPeople {
  /** Who can own an agenda item or action item: the community's members, or whoever is here. */
  choices: PersonChoice[]
  /** A display name for an owner id; "Someone" for an account this screen cannot name. */
  nameOf: (userId: string) => string
}

/**
 * Names for owners. Members load the community's member list; network guests cannot, so they
 * see the names of the people present (the server stamps them on presence) and "Someone" else.
 */
export function useMeetingPeople(view: MeetingView, present: readonly Participant[]): MeetingPeople {
  const communityId = view.guest ? null : view.meeting.communityId
  const community = useApi(communityId && `community:${communityId}`, (signal) =>
    getCommunity(communityId ?? '', signal).then((answer) => answer.community),
  )
  const members = community.data?.members
  // Presence changes with every idle flag and caret move; only names matter here.
  const presentKey = present.flatMap((p) => (p.userId ? [`${p.userId}\t${p.name}`] : [])).join('\n')
  return useMemo(() => {
    const names = new Map<string, string>()
    for (const line of presentKey ? presentKey.split('\n') : []) {
      const [id = '', name = ''] = line.split('\t')
      names.set(id, name)
    }
    for (const member of members ?? []) names.set(member.userId, member.name)
    const choices = members
      ? members.map((m) => ({ id: m.userId, name: m.name }))
      : [...names].map(([id, name]) => ({ id, name }))
    choices.sort((a, b) => a.name.localeCompare(b.name))
    return { choices, nameOf: (userId: string) => names.get(userId) ?? 'Someone' }
  }, [members, presentKey])
}

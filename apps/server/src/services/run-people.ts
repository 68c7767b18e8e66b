import { meetingDocumentName, readAgenda } from '@confer/model'
import type { CommunityStore } from '../stores/community-store.ts'
import type { MeetingRecord } from '../stores/meeting-store.ts'
import type { DocumentEditor } from './document-editor.ts'
import type { MeetingService } from './meeting-service.ts'

/**
 * The people a protocol round may name (go-round, presenter): anyone who may open the meeting —
 * the host community's members and, while the meeting is open to its networks, its guests.
 */

/** The ids among `userIds` who may not open the meeting (unknown accounts included). */
export async function notInMeeting(
  meetings: MeetingService,
  meetingId: string,
  userIds: readonly string[],
): Promise<string[]> {
  const unique = [...new Set(userIds)]
  const access = await Promise.all(unique.map((id) => meetings.access(meetingId, id)))
  return unique.filter((_, i) => access[i] === null)
}

/**
 * Names for `userIds`: the host community's members first; guests (who belong to another
 * community of one of its networks) only while the meeting is open to the network. Anyone who
 * has left since is missing from the answer.
 */
export async function meetingNames(
  store: CommunityStore,
  meeting: MeetingRecord,
  userIds: Iterable<string>,
): Promise<Map<string, string>> {
  const wanted = new Set(userIds)
  const names = new Map<string, string>()
  if (wanted.size === 0) return names
  const take = (members: { userId: string; name: string }[]) => {
    for (const m of members) {
      if (wanted.delete(m.userId)) names.set(m.userId, m.name)
    }
  }
  take(await store.members(meeting.communityId))
  if (wanted.size === 0 || !meeting.networkGuestRole) return names
  for (const network of await store.networksOfCommunity(meeting.communityId)) {
    for (const community of await store.networkCommunities(network.id)) {
      if (community.id === meeting.communityId) continue
      take(await store.members(community.id))
      if (wanted.size === 0) return names
    }
  }
  return names
}

/**
 * The presenter a round started without one gets: the owner of the agenda item it was started
 * for — the first open item that plans the protocol (as the web's step headings assume).
 */
export async function plannedPresenter(
  editor: DocumentEditor,
  meetingId: string,
  protocolId: string,
): Promise<string | null> {
  const agenda = await editor.read(meetingDocumentName(meetingId), readAgenda)
  return agenda.find((item) => !item.done && item.protocolId === protocolId)?.ownerId ?? null
}

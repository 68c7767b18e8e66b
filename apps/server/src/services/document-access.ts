import { canEdit, type Role } from '@confer/api'
import { parseDocumentName } from '@confer/model'
import type { CommunityStore } from '../stores/community-store.ts'
import type { MeetingService } from './meeting-service.ts'

export interface DocumentAccess {
  communityId: string
  meetingId: string | null
  role: Role
  /** Let in through the community's network, not a member of the community itself. */
  guest: boolean
  readOnly: boolean
}

/**
 * Who may open which collaborative document (DESIGN §3 table). Returns null for unknown names,
 * unknown ids and forbidden documents alike, so the refusal never reveals which it was.
 */
export class DocumentAccessService {
  readonly #communities: CommunityStore
  readonly #meetings: MeetingService

  constructor(communities: CommunityStore, meetings: MeetingService) {
    this.#communities = communities
    this.#meetings = meetings
  }

  async resolve(userId: string, documentName: string): Promise<DocumentAccess | null> {
    const name = parseDocumentName(documentName)
    if (!name) return null
    switch (name.kind) {
      case 'meeting':
      case 'meetingRun': {
        const access = await this.#meetings.access(name.meetingId, userId)
        if (!access) return null
        return {
          communityId: access.meeting.communityId,
          meetingId: access.meeting.id,
          role: access.role,
          guest: access.guest,
          // Only the server writes the run document (facilitator actions go through REST).
          readOnly: name.kind === 'meetingRun' || !canEdit(access.role),
        }
      }
      case 'charter':
      case 'plan': {
        const membership = await this.#communities.membership(name.communityId, userId)
        if (!membership) {
          // A network guest reads the plan a meeting open to them shares (SPEC G6); never the charter.
          if (name.kind !== 'plan' || !(await this.#meetings.guestReadsPlan(name.communityId, userId)))
            return null
          return {
            communityId: name.communityId,
            meetingId: null,
            role: 'observer',
            guest: true,
            readOnly: true,
          }
        }
        return {
          communityId: name.communityId,
          meetingId: null,
          role: membership.role,
          guest: false,
          readOnly: !canEdit(membership.role),
        }
      }
    }
  }
}

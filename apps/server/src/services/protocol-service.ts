import { newId } from '@confer/model'
import { builtInProtocol, PROTOCOLS, type Protocol, type ProtocolBody } from '@confer/protocols'
import type { ProtocolStore } from '../stores/protocol-store.ts'
import type { CommunityService } from './community-service.ts'
import type { MeetingService } from './meeting-service.ts'
import { notFound } from './service-error.ts'

/** The built-in protocol library plus each community's own copies. */
export class ProtocolService {
  readonly #store: ProtocolStore
  readonly #communities: CommunityService
  readonly #meetings: MeetingService
  readonly #now: () => number

  constructor(
    store: ProtocolStore,
    communities: CommunityService,
    meetings: MeetingService,
    now: () => number = Date.now,
  ) {
    this.#store = store
    this.#communities = communities
    this.#meetings = meetings
    this.#now = now
  }

  library(): readonly Protocol[] {
    return PROTOCOLS
  }

  async forCommunity(
    communityId: string,
    userId: string,
  ): Promise<{ builtIn: readonly Protocol[]; own: Protocol[] }> {
    await this.#communities.requireRole(communityId, userId, 'observer')
    return { builtIn: PROTOCOLS, own: await this.#store.ofCommunity(communityId) }
  }

  /**
   * What a meeting's agenda can link and its facilitator can run: the library and the host
   * community's own protocols, for everyone who may open the meeting (network guests cannot
   * read the community, yet its agenda names the community's protocols).
   */
  async forMeeting(
    meetingId: string,
    userId: string,
  ): Promise<{ builtIn: readonly Protocol[]; own: Protocol[] }> {
    const access = await this.#meetings.access(meetingId, userId)
    if (!access) throw notFound('That meeting')
    return { builtIn: PROTOCOLS, own: await this.#store.ofCommunity(access.meeting.communityId) }
  }

  /** A built-in protocol, or one of this community's own; null for anything else. */
  async find(communityId: string, protocolId: string): Promise<Protocol | null> {
    return builtInProtocol(protocolId) ?? (await this.#store.find(communityId, protocolId))
  }

  async create(communityId: string, userId: string, body: ProtocolBody): Promise<Protocol> {
    await this.#communities.requireRole(communityId, userId, 'member')
    const protocol: Protocol = { ...body, id: `own-${newId()}` }
    await this.#store.save(communityId, protocol, userId, this.#now())
    return protocol
  }

  async update(
    communityId: string,
    userId: string,
    protocolId: string,
    body: ProtocolBody,
  ): Promise<Protocol> {
    await this.#communities.requireRole(communityId, userId, 'member')
    if (!(await this.#store.find(communityId, protocolId))) throw notFound('That protocol')
    const protocol: Protocol = { ...body, id: protocolId }
    await this.#store.save(communityId, protocol, userId, this.#now())
    return protocol
  }

  async remove(communityId: string, userId: string, protocolId: string): Promise<void> {
    await this.#communities.requireRole(communityId, userId, 'facilitator')
    if (!(await this.#store.remove(communityId, protocolId))) throw notFound('That protocol')
  }
}

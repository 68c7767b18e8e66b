import type { Network, NetworkInvitePreview, NetworkMeeting, NetworkSummary } from '@confer/api'
import { newId } from '@confer/model'
import type { CommunityStore } from '../stores/community-store.ts'
import type { MeetingRecord, MeetingStore } from '../stores/meeting-store.ts'
import type { CommunityService } from './community-service.ts'
import { hashSecret, newSecret } from './secrets.ts'
import { notFound, ServiceError } from './service-error.ts'

const NETWORK_INVITE_DAYS = 14
/** Opened meetings listed at most per answer: the soonest; a network rarely opens more. */
const MAX_OPENED_MEETINGS = 50

interface NetworkWithCommunities {
  id: string
  name: string
  communities: { id: string; name: string }[]
}

/** Networks: communities from several schools linked by one purpose. */
export class NetworkService {
  readonly #store: CommunityStore
  readonly #communities: CommunityService
  readonly #meetings: MeetingStore
  readonly #now: () => number

  constructor(
    store: CommunityStore,
    communities: CommunityService,
    meetings: MeetingStore,
    now: () => number = Date.now,
  ) {
    this.#store = store
    this.#communities = communities
    this.#meetings = meetings
    this.#now = now
  }

  async create(
    userId: string,
    input: { name: string; purpose?: string; communityId: string },
  ): Promise<Network> {
    await this.#communities.requireRole(input.communityId, userId, 'facilitator')
    const id = newId()
    await this.#store.insertNetwork(
      { id, name: input.name, purpose: input.purpose ?? '', createdBy: userId, createdAt: this.#now() },
      input.communityId,
    )
    return this.get(id, userId)
  }

  /** Visible to members of any of its communities; the same 404 otherwise. */
  async get(networkId: string, userId: string): Promise<Network> {
    const network = await this.#store.networkById(networkId)
    if (!network) throw notFound('That network')
    const communities = await this.#store.networkCommunities(networkId)
    const mine = await this.#store.communitiesOf(userId)
    const roles = new Map(mine.map((c) => [c.id, c.role]))
    if (!communities.some((c) => roles.has(c.id))) throw notFound('That network')
    return {
      id: network.id,
      name: network.name,
      purpose: network.purpose,
      communities,
      canManage: communities.some((c) => roles.get(c.id) === 'facilitator'),
    }
  }

  async listFor(userId: string): Promise<NetworkSummary[]> {
    const networks = await this.#store.networksOfUser(userId)
    return networks.map((n) => ({ id: n.id, name: n.name }))
  }

  /**
   * Meetings the network's communities opened to its guests and that have not ended (SPEC G1),
   * for anyone who may see the network; the same 404 otherwise.
   */
  async openedMeetings(networkId: string, userId: string): Promise<NetworkMeeting[]> {
    const network = await this.get(networkId, userId)
    return this.#opened([network], await this.#myCommunityIds(userId), false)
  }

  /** Meetings the caller may open as a network guest, across all their networks (SPEC G1). */
  async guestMeetings(userId: string): Promise<NetworkMeeting[]> {
    const networks = await Promise.all(
      (await this.#store.networksOfUser(userId)).map(async (n) => ({
        id: n.id,
        name: n.name,
        communities: await this.#store.networkCommunities(n.id),
      })),
    )
    return this.#opened(networks, await this.#myCommunityIds(userId), true)
  }

  async #myCommunityIds(userId: string): Promise<Set<string>> {
    return new Set((await this.#store.communitiesOf(userId)).map((c) => c.id))
  }

  async #opened(
    networks: NetworkWithCommunities[],
    mine: Set<string>,
    guestOnly: boolean,
  ): Promise<NetworkMeeting[]> {
    const now = this.#now()
    // A meeting reached through two networks is listed once, under the first.
    const found = new Map<string, { record: MeetingRecord; meeting: NetworkMeeting }>()
    const scanned = new Set<string>()
    for (const network of networks) {
      for (const community of network.communities) {
        const guest = !mine.has(community.id)
        if ((guestOnly && !guest) || scanned.has(community.id)) continue
        scanned.add(community.id)
        for (const record of await this.#meetings.meetingsOf(community.id)) {
          const role = record.networkGuestRole
          const ended = record.startsAt + record.durationMinutes * 60_000 < now
          if (!role || ended || record.cancelledAt !== null || found.has(record.id)) continue
          found.set(record.id, {
            record,
            meeting: {
              id: record.id,
              communityId: community.id,
              communityName: community.name,
              title: record.title,
              startsAt: new Date(record.startsAt).toISOString(),
              durationMinutes: record.durationMinutes,
              networkGuestRole: role,
              guest,
              network: { id: network.id, name: network.name },
            },
          })
        }
      }
    }
    return [...found.values()]
      .sort((a, b) => a.record.startsAt - b.record.startsAt)
      .slice(0, MAX_OPENED_MEETINGS)
      .map((f) => f.meeting)
  }

  /** Adds a community its facilitator brings into a network they can already see. */
  async addCommunity(networkId: string, userId: string, communityId: string): Promise<Network> {
    await this.get(networkId, userId)
    await this.#communities.requireRole(communityId, userId, 'facilitator')
    await this.#store.addNetworkCommunity(networkId, communityId, this.#now())
    return this.get(networkId, userId)
  }

  /** A link for the facilitator of another school's community to bring it into the network. */
  async invite(networkId: string, userId: string): Promise<{ code: string; expiresAt: string }> {
    const network = await this.get(networkId, userId)
    if (!network.canManage) {
      throw new ServiceError(
        403,
        'forbidden',
        'Only facilitators of a community in this network can invite others.',
      )
    }
    const code = newSecret()
    const now = this.#now()
    const expiresAt = now + NETWORK_INVITE_DAYS * 24 * 3600 * 1000
    await this.#store.insertNetworkInvite({
      codeHash: hashSecret(code),
      networkId,
      createdBy: userId,
      createdAt: now,
      expiresAt,
    })
    return { code, expiresAt: new Date(expiresAt).toISOString() }
  }

  /** What a network invitation offers; anyone holding the link may see it. */
  async previewInvite(code: string): Promise<NetworkInvitePreview> {
    const { networkId, expiresAt, invitedByName } = await this.#usableInvite(code)
    const network = await this.#store.networkById(networkId)
    if (!network) throw notFound('That network invitation')
    return {
      network: { name: network.name, purpose: network.purpose },
      invitedBy: invitedByName,
      expiresAt: new Date(expiresAt).toISOString(),
    }
  }

  /** Joins a community the caller facilitates to the network an invitation code leads to. */
  async acceptInvite(code: string, userId: string, communityId: string): Promise<Network> {
    const { networkId } = await this.#usableInvite(code)
    await this.#communities.requireRole(communityId, userId, 'facilitator')
    await this.#store.addNetworkCommunity(networkId, communityId, this.#now())
    return this.get(networkId, userId)
  }

  async #usableInvite(
    code: string,
  ): Promise<{ networkId: string; expiresAt: number; invitedByName: string | null }> {
    const invite = code.length > 200 ? null : await this.#store.networkInvite(hashSecret(code))
    if (!invite) throw notFound('That network invitation')
    if (invite.expiresAt <= this.#now()) {
      throw new ServiceError(
        410,
        'invite_expired',
        'This network invitation has expired. Ask for a new link.',
      )
    }
    return invite
  }
}

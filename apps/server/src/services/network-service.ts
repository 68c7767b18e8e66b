import type { Network, NetworkInvitePreview, NetworkSummary } from '@confer/api'
import { newId } from '@confer/model'
import type { CommunityStore } from '../stores/community-store.ts'
import type { CommunityService } from './community-service.ts'
import { hashSecret, newSecret } from './secrets.ts'
import { notFound, ServiceError } from './service-error.ts'

const NETWORK_INVITE_DAYS = 14

/** Networks: communities from several schools linked by one purpose. */
export class NetworkService {
  readonly #store: CommunityStore
  readonly #communities: CommunityService
  readonly #now: () => number

  constructor(store: CommunityStore, communities: CommunityService, now: () => number = Date.now) {
    this.#store = store
    this.#communities = communities
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
    const { networkId, expiresAt } = await this.#usableInvite(code)
    const network = await this.#store.networkById(networkId)
    if (!network) throw notFound('That network invitation')
    return {
      network: { name: network.name, purpose: network.purpose },
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

  async #usableInvite(code: string): Promise<{ networkId: string; expiresAt: number }> {
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

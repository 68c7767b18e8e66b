import type { AcceptedSponsorInvite, NetworkInvitePreview, SponsorInvite } from '@confer/api'
import type { CommunityStore } from '../stores/community-store.ts'
import type { SponsorStore } from '../stores/sponsor-store.ts'
import type { NetworkService } from './network-service.ts'
import { hashSecret, newSecret } from './secrets.ts'
import { notFound, ServiceError } from './service-error.ts'

const SPONSOR_INVITE_DAYS = 14
/** Longer than any code we make: not looked up at all. */
const MAX_CODE_LENGTH = 200

/**
 * Sponsors of a network (SPEC PR4): invited by a facilitator of one of its communities, they
 * follow the progress of every community in it and see nothing else.
 */
export class SponsorService {
  readonly #store: SponsorStore
  readonly #communities: CommunityStore
  readonly #networks: NetworkService
  readonly #now: () => number

  constructor(
    store: SponsorStore,
    communities: CommunityStore,
    networks: NetworkService,
    now: () => number = Date.now,
  ) {
    this.#store = store
    this.#communities = communities
    this.#networks = networks
    this.#now = now
  }

  /** A link that makes whoever accepts it a sponsor; a facilitator's of a community in the network. */
  async invite(networkId: string, userId: string): Promise<SponsorInvite> {
    // Anyone who cannot see the network (sponsors included) gets its 404.
    const network = await this.#networks.get(networkId, userId)
    if (!network.canManage) {
      throw new ServiceError(
        403,
        'forbidden',
        'Only facilitators of a community in this network can invite sponsors.',
      )
    }
    const code = newSecret()
    const now = this.#now()
    const expiresAt = now + SPONSOR_INVITE_DAYS * 24 * 3600 * 1000
    await this.#store.insertSponsorInvite({
      codeHash: hashSecret(code),
      networkId,
      createdBy: userId,
      createdAt: now,
      expiresAt,
    })
    return { code, expiresAt: new Date(expiresAt).toISOString() }
  }

  /** What a sponsor invitation offers, or null when the code is not one (it may be a community's). */
  async preview(code: string): Promise<NetworkInvitePreview | null> {
    const found = await this.#find(code)
    if (!found) return null
    const { invite, network } = found
    return {
      network: { name: network.name, purpose: network.purpose },
      invitedBy: invite.invitedByName,
      expiresAt: new Date(invite.expiresAt).toISOString(),
      kind: 'sponsor',
    }
  }

  /**
   * Makes the caller a sponsor of the network the code leads to (accepting twice is no error),
   * or null when the code is not a sponsor invitation; 410 once it has expired.
   */
  async accept(code: string, userId: string): Promise<AcceptedSponsorInvite | null> {
    const found = await this.#find(code)
    if (!found) return null
    if (found.invite.expiresAt <= this.#now()) {
      throw new ServiceError(
        410,
        'invite_expired',
        'This sponsor invitation has expired. Ask for a new link.',
      )
    }
    await this.#store.addSponsor(found.network.id, userId, this.#now())
    return { network: { id: found.network.id, name: found.network.name }, sponsor: true }
  }

  /** The networks a person sponsors, for their home page (`GET /api/me`). */
  sponsoring(userId: string): Promise<{ id: string; name: string }[]> {
    return this.#store.sponsoredBy(userId)
  }

  async #find(code: string) {
    if (code.length === 0 || code.length > MAX_CODE_LENGTH) return null
    const invite = await this.#store.sponsorInvite(hashSecret(code))
    if (!invite) return null
    const network = await this.#communities.networkById(invite.networkId)
    if (!network) throw notFound('That network invitation')
    return { invite, network }
  }
}

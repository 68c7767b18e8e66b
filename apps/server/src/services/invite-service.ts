import type { AcceptedInvite, Invite, InvitePreview, Role } from '@confer/api'
import { newId } from '@confer/model'
import type { CommunityStore, InviteRecord } from '../stores/community-store.ts'
import type { CommunityService } from './community-service.ts'
import { hashSecret, newSecret } from './secrets.ts'
import { notFound, ServiceError } from './service-error.ts'

export const DEFAULT_INVITE_HOURS = 7 * 24

export interface ListedInvite {
  id: string
  role: Role
  createdAt: string
  expiresAt: string
}

/** Invitation links: a facilitator makes one with a role; whoever holds it may join once signed in. */
export class InviteService {
  readonly #store: CommunityStore
  readonly #communities: CommunityService
  readonly #now: () => number

  constructor(store: CommunityStore, communities: CommunityService, now: () => number = Date.now) {
    this.#store = store
    this.#communities = communities
    this.#now = now
  }

  async create(
    communityId: string,
    actorId: string,
    role: Role,
    hours = DEFAULT_INVITE_HOURS,
  ): Promise<Invite> {
    await this.#communities.requireRole(communityId, actorId, 'facilitator')
    const code = newSecret()
    const now = this.#now()
    const expiresAt = now + hours * 3600 * 1000
    await this.#store.insertInvite({
      id: newId(),
      codeHash: hashSecret(code),
      communityId,
      role,
      createdBy: actorId,
      createdAt: now,
      expiresAt,
      revokedAt: null,
    })
    return { code, role, expiresAt: new Date(expiresAt).toISOString() }
  }

  async list(communityId: string, actorId: string): Promise<ListedInvite[]> {
    await this.#communities.requireRole(communityId, actorId, 'facilitator')
    const invites = await this.#store.invitesOf(communityId, this.#now())
    return invites.map((i) => ({
      id: i.id,
      role: i.role,
      createdAt: new Date(i.createdAt).toISOString(),
      expiresAt: new Date(i.expiresAt).toISOString(),
    }))
  }

  async revoke(communityId: string, actorId: string, inviteId: string): Promise<void> {
    await this.#communities.requireRole(communityId, actorId, 'facilitator')
    if (!(await this.#store.revokeInvite(communityId, inviteId, this.#now())))
      throw notFound('That invitation')
  }

  /** What the link offers, for the page a person sees before accepting (or signing up). */
  async preview(code: string): Promise<InvitePreview> {
    const invite = await this.#usable(code)
    const community = await this.#store.communityById(invite.communityId)
    if (!community) throw notFound('That invitation')
    return {
      communityName: community.name,
      role: invite.role,
      expiresAt: new Date(invite.expiresAt).toISOString(),
    }
  }

  async accept(code: string, userId: string): Promise<AcceptedInvite> {
    const invite = await this.#usable(code)
    const existing = await this.#store.membership(invite.communityId, userId)
    // Accepting a link never lowers a role someone already has.
    if (existing) return { communityId: invite.communityId, role: existing.role }
    await this.#store.addMember({
      communityId: invite.communityId,
      userId,
      role: invite.role,
      joinedAt: this.#now(),
    })
    return { communityId: invite.communityId, role: invite.role }
  }

  async #usable(code: string): Promise<InviteRecord> {
    const invite = code.length > 200 ? null : await this.#store.inviteByCodeHash(hashSecret(code))
    if (!invite || invite.revokedAt !== null) throw notFound('That invitation')
    if (invite.expiresAt <= this.#now()) {
      throw new ServiceError(
        410,
        'invite_expired',
        'This invitation has expired. Ask your facilitator for a new link.',
      )
    }
    return invite
  }
}

import { type Community, type Me, type Role, roleAtLeast } from '@confer/api'
import { newId } from '@confer/model'
import type { CommunityStore } from '../stores/community-store.ts'
import type { DomainEvents } from './domain-events.ts'
import { notFound, ServiceError } from './service-error.ts'

/** Communities and memberships: who is in a team, with which role. */
export class CommunityService {
  readonly #store: CommunityStore
  readonly #events: DomainEvents
  readonly #now: () => number

  constructor(store: CommunityStore, events: DomainEvents, now: () => number = Date.now) {
    this.#store = store
    this.#events = events
    this.#now = now
  }

  /** The caller's role, or the same 404 for unknown and forbidden communities. */
  async requireRole(communityId: string, userId: string, required: Role): Promise<Role> {
    const membership = await this.#store.membership(communityId, userId)
    if (!membership) throw notFound('That community')
    if (!roleAtLeast(membership.role, required)) {
      throw new ServiceError(403, 'forbidden', `Only a ${required} of this community can do that.`)
    }
    return membership.role
  }

  async create(userId: string, name: string, focus = ''): Promise<Community> {
    const id = newId()
    await this.#store.insertCommunity({ id, name, focus, createdAt: this.#now() }, userId)
    return this.get(id, userId)
  }

  async get(communityId: string, userId: string): Promise<Community> {
    const role = await this.requireRole(communityId, userId, 'observer')
    const community = await this.#store.communityById(communityId)
    if (!community) throw notFound('That community')
    return {
      id: community.id,
      name: community.name,
      focus: community.focus,
      createdAt: new Date(community.createdAt).toISOString(),
      role,
      members: await this.#store.members(communityId),
      networks: await this.#store.networksOfCommunity(communityId),
    }
  }

  async update(
    communityId: string,
    userId: string,
    changes: { name?: string; focus?: string },
  ): Promise<Community> {
    await this.requireRole(communityId, userId, 'facilitator')
    await this.#store.updateCommunity(communityId, changes)
    return this.get(communityId, userId)
  }

  async listFor(userId: string): Promise<Me['communities']> {
    const rows = await this.#store.communitiesOf(userId)
    return rows.map((c) => ({ id: c.id, name: c.name, role: c.role }))
  }

  /** Changes a member's role (or removes them with null); a community always keeps a facilitator. */
  async setRole(communityId: string, actorId: string, targetId: string, role: Role | null): Promise<void> {
    // Anyone may leave on their own; everything else is the facilitators' call.
    const leaving = role === null && actorId === targetId
    await this.requireRole(communityId, actorId, leaving ? 'observer' : 'facilitator')
    const outcome = await this.#store.changeRole(communityId, targetId, role)
    if (outcome === 'not_member') throw notFound('That member')
    if (outcome === 'last_facilitator') {
      throw new ServiceError(
        409,
        'last_facilitator',
        'A community always needs a facilitator: make someone else facilitator first.',
      )
    }
    this.#events.emit('membershipChanged', { communityId, userId: targetId })
  }
}

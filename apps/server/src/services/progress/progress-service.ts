import type { CommunityProgress, NetworkProgress } from '@confer/api'
import { formatDocumentName, goalPoints, readPlan } from '@confer/model'
import type { CommunityStore } from '../../stores/community-store.ts'
import type { MeetingStore } from '../../stores/meeting-store.ts'
import type { ProgressStore } from '../../stores/progress-store.ts'
import type { SponsorStore } from '../../stores/sponsor-store.ts'
import type { CharterService } from '../charter-service.ts'
import type { DocumentEditor } from '../document-editor.ts'
import { notFound, ServiceError } from '../service-error.ts'
import { countActions } from './action-weeks.ts'

/**
 * Progress of a community (SPEC PR1–PR3): its plan's goals with their points and its cycle,
 * meetings held and upcoming, action items, the norms-check trend. Read by its members (any
 * role) and by sponsors of a network it is linked to (PR4), who see this and nothing else.
 */
export class ProgressService {
  readonly #progress: ProgressStore
  readonly #sponsors: SponsorStore
  readonly #communities: CommunityStore
  readonly #meetings: MeetingStore
  readonly #charter: CharterService
  readonly #editor: DocumentEditor
  readonly #now: () => number

  constructor(
    deps: {
      progress: ProgressStore
      sponsors: SponsorStore
      communities: CommunityStore
      meetings: MeetingStore
      charter: CharterService
      editor: DocumentEditor
    },
    now: () => number = Date.now,
  ) {
    this.#progress = deps.progress
    this.#sponsors = deps.sponsors
    this.#communities = deps.communities
    this.#meetings = deps.meetings
    this.#charter = deps.charter
    this.#editor = deps.editor
    this.#now = now
  }

  /** For members of any role and the community's network sponsors; the same 404 for anyone else. */
  async community(communityId: string, userId: string): Promise<CommunityProgress> {
    const member = await this.#communities.membership(communityId, userId)
    if (!member && !(await this.#sponsors.sponsorsCommunity(communityId, userId))) {
      throw notFound('That community')
    }
    return this.#compute(communityId)
  }

  /**
   * Every community linked to the network, for its sponsors and the facilitators of its
   * communities; other members of its communities 403, anyone else the same 404 as an unknown id.
   */
  async network(networkId: string, userId: string): Promise<NetworkProgress> {
    const network = await this.#communities.networkById(networkId)
    if (!network) throw notFound('That network')
    const linked = await this.#communities.networkCommunities(networkId)
    if (!(await this.#sponsors.isSponsor(networkId, userId))) {
      const roles = new Map((await this.#communities.communitiesOf(userId)).map((c) => [c.id, c.role]))
      const mine = linked.filter((c) => roles.has(c.id))
      if (mine.length === 0) throw notFound('That network')
      if (!mine.some((c) => roles.get(c.id) === 'facilitator')) {
        throw new ServiceError(
          403,
          'forbidden',
          "Only facilitators of this network's communities and its sponsors see its progress.",
        )
      }
    }
    const communities: NetworkProgress['communities'] = []
    // One community at a time: each opens two documents, and a network may hold many.
    for (const c of linked) communities.push({ id: c.id, name: c.name, progress: await this.#compute(c.id) })
    return { network: { id: network.id, name: network.name }, communities }
  }

  async #compute(communityId: string): Promise<CommunityProgress> {
    const now = this.#now()
    const plan = await this.#editor.read(formatDocumentName({ kind: 'plan', communityId }), readPlan)
    const meetings = (await this.#meetings.meetingsOf(communityId)).filter((m) => m.cancelledAt === null)
    const { actions, actionsByWeek } = countActions(await this.#progress.actionCopies(communityId), now)
    const { norms } = await this.#charter.trendOf(communityId)
    return {
      goals: plan.goals.map((g) => ({
        id: g.id,
        statement: g.statement,
        target: g.target,
        points: goalPoints(plan, g.id),
      })),
      cycle: plan.cycle,
      timeline: plan.timeline,
      // Held: started (its start has passed) and not cancelled (DESIGN §3).
      meetings: {
        held: meetings.filter((m) => m.startsAt <= now).length,
        upcoming: meetings.filter((m) => m.startsAt > now).length,
      },
      actions,
      actionsByWeek,
      normsTrend: norms,
    }
  }
}

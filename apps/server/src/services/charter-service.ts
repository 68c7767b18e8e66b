import type { CharterAffirmations, NormsCheckSummary, NormsTrend } from '@confer/api'
import {
  appendNorms,
  formatDocumentName,
  normsVersion,
  readNorms,
  starterCharter,
  versionTexts,
} from '@confer/model'
import type { CharterStore } from '../stores/charter-store.ts'
import type { CommunityStore } from '../stores/community-store.ts'
import type { CommunityService } from './community-service.ts'
import type { DocumentEditor } from './document-editor.ts'
import type { DomainEvents } from './domain-events.ts'
import type { MeetingService } from './meeting-service.ts'
import { notFound, ServiceError } from './service-error.ts'

const charterName = (communityId: string) => formatDocumentName({ kind: 'charter', communityId })

/** The norms charter: starter charters, affirmations of a version, and closing norms checks. */
export class CharterService {
  readonly #store: CharterStore
  readonly #communityStore: CommunityStore
  readonly #communities: CommunityService
  readonly #meetings: MeetingService
  readonly #editor: DocumentEditor
  readonly #events: DomainEvents
  readonly #now: () => number

  constructor(
    store: CharterStore,
    communityStore: CommunityStore,
    communities: CommunityService,
    meetings: MeetingService,
    editor: DocumentEditor,
    events: DomainEvents,
    now: () => number = Date.now,
  ) {
    this.#store = store
    this.#communityStore = communityStore
    this.#communities = communities
    this.#meetings = meetings
    this.#editor = editor
    this.#events = events
    this.#now = now
  }

  /** Fills an empty charter with a starter set of norms (server-side, so it happens once). */
  async applyStarter(communityId: string, userId: string, starterId: string): Promise<void> {
    await this.#communities.requireRole(communityId, userId, 'member')
    const starter = starterCharter(starterId)
    if (!starter) throw notFound('That starter charter')
    let applied = false
    await this.#editor.edit(
      charterName(communityId),
      (doc) => {
        if (readNorms(doc).length > 0) return
        appendNorms(doc, starter.norms)
        applied = true
      },
      { by: userId },
    )
    if (!applied)
      throw new ServiceError(409, 'invalid_request', 'This charter already has norms: edit them instead.')
  }

  /** The current version (SPEC N1) and the texts it is made of. */
  async #current(communityId: string): Promise<{ version: string; texts: string[] }> {
    const norms = await this.#editor.read(charterName(communityId), readNorms)
    return { version: await normsVersion(norms), texts: versionTexts(norms) }
  }

  async affirm(communityId: string, userId: string, seenVersion?: string): Promise<CharterAffirmations> {
    await this.#communities.requireRole(communityId, userId, 'member')
    const { version, texts } = await this.#current(communityId)
    if (seenVersion !== undefined && seenVersion !== version) {
      throw new ServiceError(
        409,
        'invalid_request',
        'The norms changed since you read them. Read them again before agreeing.',
      )
    }
    await this.#store.affirm(communityId, userId, version, texts, this.#now())
    // Every open charter page of the community shows who agreed within a second (SPEC U1).
    this.#events.emit('charterAffirmed', { communityId })
    return this.affirmations(communityId, userId)
  }

  async affirmations(communityId: string, userId: string): Promise<CharterAffirmations> {
    await this.#communities.requireRole(communityId, userId, 'observer')
    const { version } = await this.#current(communityId)
    const byUser = new Map((await this.#store.affirmations(communityId)).map((a) => [a.userId, a]))
    const mine = byUser.get(userId)
    const members = await this.#communityStore.members(communityId)
    return {
      version,
      people: members.map((m) => {
        const a = byUser.get(m.userId)
        return {
          userId: m.userId,
          name: m.name,
          role: m.role,
          affirmedAt: a ? new Date(a.affirmedAt).toISOString() : null,
          current: a?.version === version,
          agreedVersion: a?.version ?? null,
        }
      }),
      mine: mine
        ? { version: mine.version, norms: mine.norms, affirmedAt: new Date(mine.affirmedAt).toISOString() }
        : null,
    }
  }

  /** A member's closing ratings of the norms for one meeting (1–5, optional comment). */
  async rate(
    meetingId: string,
    userId: string,
    ratings: { normId: string; rating: number; comment?: string | undefined }[],
  ): Promise<NormsCheckSummary> {
    const access = await this.#meetings.access(meetingId, userId)
    if (!access) throw notFound('That meeting')
    const communityId = access.meeting.communityId
    // Guests let in as members answer too (SPEC G4); observers, of either kind, do not.
    if (access.guest) {
      if (access.role === 'observer') {
        throw new ServiceError(
          403,
          'forbidden',
          'Guests who only observe this meeting cannot rate its norms.',
        )
      }
    } else await this.#communities.requireRole(communityId, userId, 'member')
    const norms = new Map(
      (await this.#editor.read(charterName(communityId), readNorms)).map((n) => [n.id, n.text]),
    )
    const unknown = ratings.find((r) => !norms.has(r.normId))
    if (unknown)
      throw new ServiceError(400, 'invalid_request', 'One of those norms is no longer in the charter.')
    if (new Set(ratings.map((r) => r.normId)).size !== ratings.length) {
      throw new ServiceError(400, 'invalid_request', 'Rate each norm once.')
    }
    await this.#store.replaceRatings(
      meetingId,
      userId,
      ratings.map((r) => ({
        normId: r.normId,
        normText: norms.get(r.normId) ?? '',
        rating: r.rating,
        comment: r.comment ? r.comment : null,
      })),
      this.#now(),
    )
    return this.normsCheck(meetingId, userId)
  }

  /** The meeting's norms check, for everyone in it: network guests too (SPEC G4). */
  async normsCheck(meetingId: string, userId: string): Promise<NormsCheckSummary> {
    const access = await this.#meetings.access(meetingId, userId)
    if (!access) throw notFound('That meeting')
    const norms = await this.#editor.read(charterName(access.meeting.communityId), readNorms)
    const rows = await this.#store.ratings(meetingId)
    return {
      norms: norms.map((n) => {
        const mine = rows.filter((r) => r.normId === n.id)
        return {
          normId: n.id,
          text: n.text,
          average: mine.length ? mine.reduce((sum, r) => sum + r.rating, 0) / mine.length : null,
          count: mine.length,
          comments: mine.map((r) => r.comment).filter((c): c is string => !!c),
        }
      }),
      respondents: new Set(rows.map((r) => r.userId)).size,
      mine: rows
        .filter((r) => r.userId === userId)
        .map((r) => ({ normId: r.normId, rating: r.rating, comment: r.comment })),
    }
  }

  async trend(communityId: string, userId: string): Promise<NormsTrend> {
    await this.#communities.requireRole(communityId, userId, 'observer')
    return this.trendOf(communityId)
  }

  /** The trend for a caller that checked access its own way (progress: sponsors too, SPEC PR1). */
  async trendOf(communityId: string): Promise<NormsTrend> {
    const current = new Map(
      (await this.#editor.read(charterName(communityId), readNorms)).map((n) => [n.id, n.text]),
    )
    const byNorm = new Map<string, NormsTrend['norms'][number]>()
    for (const row of await this.#store.trend(communityId)) {
      let entry = byNorm.get(row.normId)
      if (!entry) {
        entry = { normId: row.normId, text: current.get(row.normId) ?? row.normText, points: [] }
        byNorm.set(row.normId, entry)
      }
      entry.points.push({
        meetingId: row.meetingId,
        title: row.title,
        startsAt: new Date(row.startsAt).toISOString(),
        average: row.average,
        count: row.count,
      })
    }
    return { norms: [...byNorm.values()] }
  }
}

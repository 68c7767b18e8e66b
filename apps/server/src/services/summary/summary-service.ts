import { formatDocumentName, meetingDocumentName, type Norm, readNorms, readRunLog } from '@confer/model'
import type { CharterStore, RatingRow } from '../../stores/charter-store.ts'
import type { CommunityStore } from '../../stores/community-store.ts'
import type { DocumentEditor } from '../document-editor.ts'
import type { MeetingService } from '../meeting-service.ts'
import type { ProtocolService } from '../protocol-service.ts'
import { notFound } from '../service-error.ts'
import { meetingSummary, type SummaryContext } from './meeting-summary.ts'
import { groupRounds } from './run-rounds.ts'
import { meetingSummaryHtml } from './summary-html.ts'
import type { SummaryNormsCheck, SummaryRound } from './summary-sections.ts'

/**
 * Gathers what the summary shows (SPEC E3): the meeting document, attendance, the run log of its
 * protocol rounds and its norms check, each from where it is kept.
 */
export class SummaryService {
  readonly #meetings: MeetingService
  readonly #communityStore: CommunityStore
  readonly #charter: CharterStore
  readonly #protocols: ProtocolService
  readonly #editor: DocumentEditor

  constructor(
    meetings: MeetingService,
    communityStore: CommunityStore,
    charter: CharterStore,
    protocols: ProtocolService,
    editor: DocumentEditor,
  ) {
    this.#meetings = meetings
    this.#communityStore = communityStore
    this.#charter = charter
    this.#protocols = protocols
    this.#editor = editor
  }

  /** The meeting as Markdown, for anyone who may see it (members, observers, guests). */
  async markdown(meetingId: string, userId: string): Promise<{ title: string; markdown: string }> {
    const { title, context } = await this.#context(meetingId, userId)
    const markdown = await this.#editor.read(meetingDocumentName(meetingId), (doc) =>
      meetingSummary(doc, context),
    )
    return { title, markdown }
  }

  /** The meeting as one print-ready HTML page (SPEC X1), for whoever may read its Markdown. */
  async html(meetingId: string, userId: string): Promise<{ title: string; html: string }> {
    const { title, context } = await this.#context(meetingId, userId)
    const html = await this.#editor.read(meetingDocumentName(meetingId), (doc) =>
      meetingSummaryHtml(doc, context),
    )
    return { title, html }
  }

  /** Everything the summary shows besides the document, as this user may see it. */
  async #context(meetingId: string, userId: string): Promise<{ title: string; context: SummaryContext }> {
    const access = await this.#meetings.access(meetingId, userId)
    if (!access) throw notFound('That meeting')
    const { meeting, guest } = access
    const communityId = meeting.communityId
    const [community, members, rounds] = await Promise.all([
      this.#communityStore.communityById(communityId),
      this.#communityStore.members(communityId),
      this.#rounds(meetingId, communityId),
    ])
    // A network guest sees the meeting, not the community's own records of it.
    const attendance = guest ? null : await this.#meetings.attendance(meetingId, userId)
    const normsCheck = guest ? null : await this.#normsCheck(meetingId, communityId)
    return {
      title: meeting.title,
      context: {
        title: meeting.title,
        communityName: community?.name ?? '',
        startsAt: meeting.startsAt,
        durationMinutes: meeting.durationMinutes,
        names: new Map(members.map((m) => [m.userId, m.name])),
        attendance: attendance?.map((a) => ({ name: a.name, present: a.present === true })) ?? null,
        rounds,
        normsCheck,
      },
    }
  }

  async #rounds(meetingId: string, communityId: string): Promise<SummaryRound[]> {
    const log = await this.#editor.read(formatDocumentName({ kind: 'meetingRun', meetingId }), readRunLog)
    const rounds: SummaryRound[] = []
    for (const round of groupRounds(log)) {
      const protocol = await this.#protocols.find(communityId, round.protocolId)
      rounds.push({
        protocolName: protocol?.name ?? 'A protocol no longer in the library',
        steps: round.steps.map((entry) => {
          const step = protocol?.steps[entry.step]
          return {
            title: step?.title ?? `Step ${entry.step + 1}`,
            plannedMinutes: step?.minutes ?? null,
            startedAt: entry.startedAt,
            endedAt: entry.endedAt,
          }
        }),
      })
    }
    return rounds
  }

  /** Ratings as they were given (a norm reworded or removed since keeps its rated text), in charter order. */
  async #normsCheck(meetingId: string, communityId: string): Promise<SummaryNormsCheck> {
    const [rows, norms] = await Promise.all([
      this.#charter.ratings(meetingId),
      this.#editor.read(formatDocumentName({ kind: 'charter', communityId }), readNorms),
    ])
    const byNorm = new Map<string, RatingRow[]>()
    for (const row of rows) byNorm.set(row.normId, [...(byNorm.get(row.normId) ?? []), row])
    const position = new Map(norms.map((n: Norm, i) => [n.id, i]))
    const order = [...byNorm.keys()].sort(
      (a, b) =>
        (position.get(a) ?? Number.MAX_SAFE_INTEGER) - (position.get(b) ?? Number.MAX_SAFE_INTEGER) ||
        a.localeCompare(b),
    )
    return {
      respondents: new Set(rows.map((r) => r.userId)).size,
      norms: order.map((normId) => {
        const ratings = byNorm.get(normId) ?? []
        return {
          text: ratings[0]?.normText ?? '',
          average: ratings.reduce((sum, r) => sum + r.rating, 0) / Math.max(ratings.length, 1),
          count: ratings.length,
          comments: ratings.map((r) => r.comment?.trim() ?? '').filter((c) => c !== ''),
        }
      }),
    }
  }
}

import type { Readable } from 'node:stream'
import { formatDocumentName, readPlan } from '@confer/model'
import type { CommunityStore } from '../../stores/community-store.ts'
import type { MeetingRecord, MeetingStore } from '../../stores/meeting-store.ts'
import type { CommunityService } from '../community-service.ts'
import type { DocumentEditor } from '../document-editor.ts'
import { notFound } from '../service-error.ts'
import { field } from '../summary/markdown-text.ts'
import type { SummaryService } from '../summary/summary-service.ts'
import { actionsCsv, type CsvAction } from './actions-csv.ts'
import { charterMarkdown, planMarkdown } from './community-markdown.ts'
import { type ArchiveEntry, safeFileName, UniquePaths, zipStream } from './zip-stream.ts'

/**
 * More files for a community's archive, from a part of the server this service does not know
 * (resources, when they exist: `resources/<name>`). Asked only after the caller's role was
 * checked; paths must come from safeFileName.
 */
export type ArchiveSource = (communityId: string, userId: string) => AsyncIterable<ArchiveEntry>

const day = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10)

/** A community's work to take away (SPEC X2, X6): its action items as CSV, everything as one zip. */
export class ExportService {
  readonly #communities: CommunityService
  readonly #communityStore: CommunityStore
  readonly #meetings: MeetingStore
  readonly #summaries: SummaryService
  readonly #editor: DocumentEditor
  readonly #sources: ArchiveSource[] = []
  readonly #now: () => number

  constructor(
    deps: {
      communities: CommunityService
      communityStore: CommunityStore
      meetings: MeetingStore
      summaries: SummaryService
      editor: DocumentEditor
    },
    now: () => number = Date.now,
  ) {
    this.#communities = deps.communities
    this.#communityStore = deps.communityStore
    this.#meetings = deps.meetings
    this.#summaries = deps.summaries
    this.#editor = deps.editor
    this.#now = now
  }

  /** Adds files to every archive made from now on (the seam resources will use). */
  addArchiveSource(source: ArchiveSource): void {
    this.#sources.push(source)
  }

  /** Every action item of the community as CSV, for its members and observers (SPEC X2). */
  async actionsCsv(communityId: string, userId: string): Promise<{ name: string; csv: string }> {
    await this.#communities.requireRole(communityId, userId, 'observer')
    const community = await this.#communityStore.communityById(communityId)
    if (!community) throw notFound('That community')
    const meetings = await this.#meetings.meetingsOf(communityId)
    return { name: community.name, csv: actionsCsv(await this.#actions(communityId, meetings)) }
  }

  /**
   * Each item once, as its latest meeting's copy stands (carried copies share the id), raised
   * where its earliest copy is; oldest first. One index read per meeting, each small.
   */
  async #actions(communityId: string, newestFirst: readonly MeetingRecord[]): Promise<CsvAction[]> {
    const names = new Map((await this.#communityStore.members(communityId)).map((m) => [m.userId, m.name]))
    const items = new Map<string, CsvAction>()
    for (const meeting of newestFirst) {
      for (const action of await this.#meetings.actionsOf(meeting.id)) {
        const known = items.get(action.actionId)
        if (known) {
          known.raisedAt = meeting.startsAt
          continue
        }
        items.set(action.actionId, {
          text: action.text,
          ownerName: action.ownerId ? (names.get(action.ownerId) ?? 'a former member') : null,
          due: action.due,
          done: action.done,
          meetingTitle: meeting.title,
          meetingStartsAt: meeting.startsAt,
          raisedAt: meeting.startsAt,
        })
      }
    }
    return [...items.values()].sort(
      (a, b) =>
        a.raisedAt - b.raisedAt || a.meetingStartsAt - b.meetingStartsAt || a.text.localeCompare(b.text),
    )
  }

  /**
   * The whole community as one zip (SPEC X6), for its facilitators and members: every meeting's
   * summary as Markdown (cancelled ones too), the charter, the plan, the action items and what
   * the archive sources add. Roles are checked before the first byte; the files are made as the
   * download reads them.
   */
  async archive(communityId: string, userId: string): Promise<{ name: string; stream: Readable }> {
    await this.#communities.requireRole(communityId, userId, 'member')
    const community = await this.#communityStore.communityById(communityId)
    if (!community) throw notFound('That community')
    const now = this.#now()
    return {
      name: community.name,
      stream: zipStream(this.#entries(communityId, userId, community.name, now), new Date(now)),
    }
  }

  async *#entries(
    communityId: string,
    userId: string,
    name: string,
    now: number,
  ): AsyncGenerator<ArchiveEntry> {
    const meetings = await this.#meetings.meetingsOf(communityId)
    const oldestFirst = [...meetings].reverse()
    const paths = new UniquePaths()
    const files = oldestFirst.map((meeting) => ({
      meeting,
      path: paths.take(
        'meetings/',
        `${day(meeting.startsAt)} ${safeFileName(meeting.title, 'Meeting')}${meeting.cancelledAt === null ? '' : ' (cancelled)'}`,
        '.md',
      ),
    }))
    yield {
      path: 'README.md',
      content: async () => archiveReadme(name, now, files.length),
    }
    yield {
      path: 'charter.md',
      content: () =>
        this.#editor.read(formatDocumentName({ kind: 'charter', communityId }), (doc) =>
          charterMarkdown(doc, name),
        ),
    }
    yield {
      path: 'plan.md',
      content: () =>
        this.#editor.read(formatDocumentName({ kind: 'plan', communityId }), (doc) =>
          planMarkdown(readPlan(doc), name),
        ),
    }
    yield {
      path: 'action-items.csv',
      content: async () => actionsCsv(await this.#actions(communityId, meetings)),
    }
    for (const { meeting, path } of files) {
      yield { path, content: async () => (await this.#summaries.markdown(meeting.id, userId)).markdown }
    }
    for (const source of this.#sources) yield* source(communityId, userId)
  }
}

function archiveReadme(name: string, now: number, meetings: number): string {
  return [
    `# ${field(name)}`,
    '',
    `Everything of this community in Confer on ${new Date(now).toISOString().slice(0, 16).replace('T', ' ')} UTC:`,
    '',
    `- \`meetings/\`: ${meetings === 1 ? 'the meeting' : `all ${meetings} meetings`}, one Markdown file each (agenda, notes, decisions, action items, attendance, protocol rounds, norms check)`,
    '- `charter.md`: the norms and the preamble',
    '- `plan.md`: goals, the inquiry cycle and evidence',
    '- `action-items.csv`: every action item, open and done (opens in a spreadsheet)',
    '',
    'Times are in UTC.',
    '',
  ].join('\n')
}

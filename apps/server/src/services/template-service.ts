import type { AgendaTemplateView, TemplateItem } from '@confer/api'
import { BUILT_IN_TEMPLATES, builtInTemplate, meetingDocumentName, newId, readAgenda } from '@confer/model'
import type { MeetingStore, TemplateRecord } from '../stores/meeting-store.ts'
import type { CommunityService } from './community-service.ts'
import type { DocumentEditor } from './document-editor.ts'
import type { MeetingService } from './meeting-service.ts'
import { notFound, ServiceError } from './service-error.ts'

const builtInViews: AgendaTemplateView[] = BUILT_IN_TEMPLATES.map((t) => ({
  id: t.id,
  name: t.name,
  description: t.description,
  builtIn: true,
  ...(t.stage ? { stage: t.stage } : {}),
  items: t.items.map((i) => ({
    title: i.title,
    minutes: i.minutes ?? 0,
    protocolId: i.protocolId ?? null,
    ...(i.planLink ? { planLink: i.planLink } : {}),
  })),
}))

function parseItems(json: string): TemplateItem[] {
  try {
    const items = JSON.parse(json) as unknown
    return Array.isArray(items) ? (items as TemplateItem[]) : []
  } catch {
    return []
  }
}

const toView = (t: TemplateRecord): AgendaTemplateView => ({
  id: t.id,
  name: t.name,
  description: '',
  builtIn: false,
  items: parseItems(t.items),
})

/** Agenda templates: the built-in ones and those a community saved from its own meetings. */
export class TemplateService {
  readonly #store: MeetingStore
  readonly #communities: CommunityService
  readonly #meetings: MeetingService
  readonly #editor: DocumentEditor
  readonly #now: () => number

  constructor(
    store: MeetingStore,
    communities: CommunityService,
    meetings: MeetingService,
    editor: DocumentEditor,
    now: () => number = Date.now,
  ) {
    this.#store = store
    this.#communities = communities
    this.#meetings = meetings
    this.#editor = editor
    this.#now = now
  }

  async list(communityId: string, userId: string): Promise<AgendaTemplateView[]> {
    await this.#communities.requireRole(communityId, userId, 'observer')
    return [...builtInViews, ...(await this.#store.templatesOf(communityId)).map(toView)]
  }

  /** "Save this agenda as a template": the titles, minutes, protocols and plan links, never the notes. */
  async saveFromMeeting(
    communityId: string,
    userId: string,
    name: string,
    meetingId: string,
  ): Promise<AgendaTemplateView> {
    await this.#communities.requireRole(communityId, userId, 'member')
    const access = await this.#meetings.access(meetingId, userId)
    if (!access || access.guest || access.meeting.communityId !== communityId) throw notFound('That meeting')
    const items = await this.#editor.read(meetingDocumentName(meetingId), (doc) =>
      readAgenda(doc).map((i) => ({
        title: i.title,
        minutes: i.minutes,
        protocolId: i.protocolId,
        ...(i.planLink ? { planLink: i.planLink } : {}),
      })),
    )
    if (items.length === 0)
      throw new ServiceError(400, 'invalid_request', 'That meeting has no agenda items to save.')
    const record: TemplateRecord = {
      id: newId(),
      communityId,
      name,
      items: JSON.stringify(items),
      createdBy: userId,
      createdAt: this.#now(),
    }
    await this.#store.insertTemplate(record)
    return toView(record)
  }

  async remove(communityId: string, userId: string, templateId: string): Promise<void> {
    await this.#communities.requireRole(communityId, userId, 'facilitator')
    if (!(await this.#store.deleteTemplate(communityId, templateId))) throw notFound('That template')
  }

  /** The items a new meeting starts with; unknown or foreign template ids are a 404. */
  async itemsFor(communityId: string, templateId: string): Promise<TemplateItem[]> {
    const builtIn = builtInTemplate(templateId)
    if (builtIn) return builtIn.items.map((i) => ({ ...i }))
    const own = await this.#store.templateById(templateId)
    if (!own || own.communityId !== communityId) throw notFound('That template')
    return parseItems(own.items)
  }
}

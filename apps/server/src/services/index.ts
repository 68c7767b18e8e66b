import { DEFAULT_MAX_UPLOAD_BYTES } from '@confer/api'
import type { DocumentStore } from '../stores/document-store.ts'
import type { Stores } from '../stores/open-stores.ts'
import { ActionService } from './action-service.ts'
import { AuthService } from './auth-service.ts'
import { CharterService } from './charter-service.ts'
import { CommunityService } from './community-service.ts'
import { DocumentAccessService } from './document-access.ts'
import type { DocumentEditor } from './document-editor.ts'
import { DomainEvents } from './domain-events.ts'
import { CalendarService } from './exports/calendar-service.ts'
import { ExportService } from './exports/export-service.ts'
import { InviteService } from './invite-service.ts'
import { LiveEvents } from './live-events.ts'
import type { MeetingLock } from './meeting-lock.ts'
import { MeetingService } from './meeting-service.ts'
import { NetworkService } from './network-service.ts'
import { ProgressService } from './progress/progress-service.ts'
import { ProtocolService } from './protocol-service.ts'
import { resourceArchive } from './resources/resource-archive.ts'
import { ResourceService } from './resources/resource-service.ts'
import { RunService } from './run-service.ts'
import { SearchService } from './search/search-service.ts'
import { SponsorService } from './sponsor-service.ts'
import { SummaryService } from './summary/summary-service.ts'
import { TemplateService } from './template-service.ts'
import { VersionService } from './version-service.ts'

export interface Services {
  events: DomainEvents
  auth: AuthService
  communities: CommunityService
  invites: InviteService
  networks: NetworkService
  meetings: MeetingService
  /** Action items as one thing across meetings: propagation, carry-forward, my items. */
  actions: ActionService
  templates: TemplateService
  protocols: ProtocolService
  runs: RunService
  charter: CharterService
  summaries: SummaryService
  versions: VersionService
  documentAccess: DocumentAccessService
  documents: DocumentStore
  /** Full-text search over communities' archives, and its index (SPEC Q1–Q6). */
  search: SearchService
  /** Domain events passed on to the browsers' GET /api/events streams. */
  liveEvents: LiveEvents
  /** Network sponsors and their invitations (SPEC PR4). */
  sponsors: SponsorService
  /** Progress of communities and networks (SPEC PR1–PR4). */
  progress: ProgressService
  /** Action items as CSV and the whole community as a zip (SPEC X2, X6). */
  exports: ExportService
  /** Calendar feeds and "add to calendar" files (SPEC X3–X5). */
  calendars: CalendarService
  /** Shared links and files (SPEC RS1–RS9). */
  resources: ResourceService
}

/** The composition root of the domain: services over the stores (of either engine). */
export function createServices(
  stores: Stores,
  editor: DocumentEditor,
  overrides: { documents?: DocumentStore; runLock?: MeetingLock; maxUploadBytes?: number } = {},
): Services {
  const events = new DomainEvents()
  const communityStore = stores.communities
  const meetingStore = stores.meetings
  const communities = new CommunityService(communityStore, events)
  const meetings = new MeetingService(meetingStore, communityStore, communities, events, editor)
  const protocols = new ProtocolService(stores.protocols, communities, meetings)
  const documentAccess = new DocumentAccessService(communityStore, meetings)
  const networks = new NetworkService(communityStore, communities, meetingStore)
  const charter = new CharterService(stores.charter, communityStore, communities, meetings, editor, events)
  const summaries = new SummaryService(meetings, communityStore, stores.charter, protocols, editor)
  return {
    events,
    auth: new AuthService(stores.accounts),
    communities,
    invites: new InviteService(communityStore, communities),
    networks,
    meetings,
    actions: new ActionService(meetings, meetingStore, editor),
    templates: new TemplateService(meetingStore, communities, meetings, editor),
    protocols,
    runs: new RunService(meetings, protocols, communityStore, editor, overrides.runLock),
    charter,
    summaries,
    versions: new VersionService(stores.versions, documentAccess, communityStore, editor, events),
    documentAccess,
    documents: overrides.documents ?? stores.documents,
    search: new SearchService({
      store: stores.search,
      communities,
      communityStore,
      meetingStore,
      documents: overrides.documents ?? stores.documents,
      resources: stores.resources,
      events,
    }),
    liveEvents: new LiveEvents(events, communityStore, meetingStore),
    sponsors: new SponsorService(stores.sponsors, communityStore, networks),
    progress: new ProgressService({
      progress: stores.progress,
      sponsors: stores.sponsors,
      communities: communityStore,
      meetings: meetingStore,
      charter,
      editor,
    }),
    exports: withResources(
      new ExportService({ communities, communityStore, meetings: meetingStore, summaries, editor }),
      stores,
    ),
    calendars: new CalendarService({
      keys: stores.calendarKeys,
      communities,
      communityStore,
      meetingStore,
      meetings,
    }),
    resources: new ResourceService({
      store: stores.resources,
      communities,
      communityStore,
      accounts: stores.accounts,
      events,
      maxUploadBytes: overrides.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    }),
  }
}

/** The community archive carries its shared files and links (SPEC X6, RS3). */
function withResources(exports: ExportService, stores: Stores): ExportService {
  exports.addArchiveSource(resourceArchive(stores.resources))
  return exports
}

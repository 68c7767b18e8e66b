import type { DocumentStore } from '../stores/document-store.ts'
import type { Stores } from '../stores/open-stores.ts'
import { ActionService } from './action-service.ts'
import { AuthService } from './auth-service.ts'
import { CharterService } from './charter-service.ts'
import { CommunityService } from './community-service.ts'
import { DocumentAccessService } from './document-access.ts'
import type { DocumentEditor } from './document-editor.ts'
import { DomainEvents } from './domain-events.ts'
import { InviteService } from './invite-service.ts'
import { LiveEvents } from './live-events.ts'
import type { MeetingLock } from './meeting-lock.ts'
import { MeetingService } from './meeting-service.ts'
import { NetworkService } from './network-service.ts'
import { ProtocolService } from './protocol-service.ts'
import { RunService } from './run-service.ts'
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
  /** Domain events passed on to the browsers' GET /api/events streams. */
  liveEvents: LiveEvents
}

/** The composition root of the domain: services over the stores (of either engine). */
export function createServices(
  stores: Stores,
  editor: DocumentEditor,
  overrides: { documents?: DocumentStore; runLock?: MeetingLock } = {},
): Services {
  const events = new DomainEvents()
  const communityStore = stores.communities
  const meetingStore = stores.meetings
  const communities = new CommunityService(communityStore, events)
  const meetings = new MeetingService(meetingStore, communityStore, communities, events, editor)
  const protocols = new ProtocolService(stores.protocols, communities, meetings)
  const documentAccess = new DocumentAccessService(communityStore, meetings)
  return {
    events,
    auth: new AuthService(stores.accounts),
    communities,
    invites: new InviteService(communityStore, communities),
    networks: new NetworkService(communityStore, communities, meetingStore),
    meetings,
    actions: new ActionService(meetings, meetingStore, editor),
    templates: new TemplateService(meetingStore, communities, meetings, editor),
    protocols,
    runs: new RunService(meetings, protocols, communityStore, editor, overrides.runLock),
    charter: new CharterService(stores.charter, communityStore, communities, meetings, editor, events),
    summaries: new SummaryService(meetings, communityStore, stores.charter, protocols, editor),
    versions: new VersionService(stores.versions, documentAccess, communityStore, editor, events),
    documentAccess,
    documents: overrides.documents ?? stores.documents,
    liveEvents: new LiveEvents(events, communityStore, meetingStore),
  }
}

import type { DatabaseSync } from 'node:sqlite'
import type { DocumentStore } from '../stores/document-store.ts'
import { SqliteAccountStore } from '../stores/sqlite/sqlite-account-store.ts'
import { SqliteCharterStore } from '../stores/sqlite/sqlite-charter-store.ts'
import { SqliteCommunityStore } from '../stores/sqlite/sqlite-community-store.ts'
import { SqliteDocumentStore } from '../stores/sqlite/sqlite-document-store.ts'
import { SqliteMeetingStore } from '../stores/sqlite/sqlite-meeting-store.ts'
import { SqliteProtocolStore } from '../stores/sqlite/sqlite-protocol-store.ts'
import { SqliteVersionStore } from '../stores/sqlite/sqlite-version-store.ts'
import { AuthService } from './auth-service.ts'
import { CharterService } from './charter-service.ts'
import { CommunityService } from './community-service.ts'
import { DocumentAccessService } from './document-access.ts'
import type { DocumentEditor } from './document-editor.ts'
import { DomainEvents } from './domain-events.ts'
import { InviteService } from './invite-service.ts'
import { MeetingService } from './meeting-service.ts'
import { NetworkService } from './network-service.ts'
import { ProtocolService } from './protocol-service.ts'
import { RunService } from './run-service.ts'
import { TemplateService } from './template-service.ts'
import { VersionService } from './version-service.ts'

export interface Services {
  events: DomainEvents
  auth: AuthService
  communities: CommunityService
  invites: InviteService
  networks: NetworkService
  meetings: MeetingService
  templates: TemplateService
  protocols: ProtocolService
  runs: RunService
  charter: CharterService
  versions: VersionService
  documentAccess: DocumentAccessService
  documents: DocumentStore
}

/** The composition root of the domain: stores over the database, services over the stores. */
export function createServices(
  db: DatabaseSync,
  editor: DocumentEditor,
  overrides: { documents?: DocumentStore } = {},
): Services {
  const events = new DomainEvents()
  const communityStore = new SqliteCommunityStore(db)
  const meetingStore = new SqliteMeetingStore(db)
  const communities = new CommunityService(communityStore, events)
  const meetings = new MeetingService(meetingStore, communityStore, communities, events, editor)
  const protocols = new ProtocolService(new SqliteProtocolStore(db), communities, meetings)
  const documentAccess = new DocumentAccessService(communityStore, meetings)
  return {
    events,
    auth: new AuthService(new SqliteAccountStore(db)),
    communities,
    invites: new InviteService(communityStore, communities),
    networks: new NetworkService(communityStore, communities),
    meetings,
    templates: new TemplateService(meetingStore, communities, meetings, editor),
    protocols,
    runs: new RunService(meetings, protocols, communityStore, editor),
    charter: new CharterService(new SqliteCharterStore(db), communityStore, communities, meetings, editor),
    versions: new VersionService(new SqliteVersionStore(db), documentAccess, communityStore, editor, events),
    documentAccess,
    documents: overrides.documents ?? new SqliteDocumentStore(db),
  }
}

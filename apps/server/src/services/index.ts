import type { DatabaseSync } from 'node:sqlite'
import type { DocumentStore } from '../stores/document-store.ts'
import { SqliteAccountStore } from '../stores/sqlite/sqlite-account-store.ts'
import { SqliteCommunityStore } from '../stores/sqlite/sqlite-community-store.ts'
import { SqliteDocumentStore } from '../stores/sqlite/sqlite-document-store.ts'
import { SqliteMeetingStore } from '../stores/sqlite/sqlite-meeting-store.ts'
import { AccessEvents } from './access-events.ts'
import { AuthService } from './auth-service.ts'
import { CommunityService } from './community-service.ts'
import { DocumentAccessService } from './document-access.ts'
import { InviteService } from './invite-service.ts'
import { MeetingService } from './meeting-service.ts'
import { NetworkService } from './network-service.ts'

export interface Services {
  events: AccessEvents
  auth: AuthService
  communities: CommunityService
  invites: InviteService
  networks: NetworkService
  meetings: MeetingService
  documentAccess: DocumentAccessService
  documents: DocumentStore
}

/** The composition root of the domain: stores over the database, services over the stores. */
export function createServices(db: DatabaseSync, overrides: { documents?: DocumentStore } = {}): Services {
  const events = new AccessEvents()
  const communityStore = new SqliteCommunityStore(db)
  const communities = new CommunityService(communityStore, events)
  const meetings = new MeetingService(new SqliteMeetingStore(db), communityStore, communities, events)
  return {
    events,
    auth: new AuthService(new SqliteAccountStore(db)),
    communities,
    invites: new InviteService(communityStore, communities),
    networks: new NetworkService(communityStore, communities),
    meetings,
    documentAccess: new DocumentAccessService(communityStore, meetings),
    documents: overrides.documents ?? new SqliteDocumentStore(db),
  }
}

import { EventEmitter } from 'node:events'

export interface DomainEventMap {
  /**
   * A user's role in a community changed, or they left it: all their live access must be
   * re-checked, the meetings they joined as a network guest through that community included.
   */
  membershipChanged: [{ communityId: string; userId: string }]
  /** A meeting's guest access changed: every guest's live access must be re-checked. */
  meetingAccessChanged: [{ meetingId: string }]
  /**
   * A network lost a community or was dissolved: every network guest's live access must be
   * re-checked. Whatever takes a community out of a network (or deletes one) emits it.
   */
  networkChanged: [{ networkId: string }]
  /** A session or bearer token was revoked: sockets it opened must close. */
  credentialRevoked: [{ tokenHash: string }]
  /** A meeting was scheduled, or renamed, rescheduled, cancelled or un-cancelled. */
  meetingChanged: [{ communityId: string; meetingId: string }]
  /** A meeting's action items were re-extracted into the index from its document. */
  actionsIndexed: [{ meetingId: string }]
  /** Someone was recorded as attending a meeting (by presence or by a facilitator). */
  attendanceChanged: [{ meetingId: string }]
  /** Someone agreed to a community's norms (SPEC N1, U1). */
  charterAffirmed: [{ communityId: string }]
  /** A resource was added to a community or deleted from it (SPEC RS8). */
  resourcesChanged: [{ communityId: string }]
  /** A version of a document was kept for its history. */
  versionTaken: [{ documentName: string }]
  /** What a source (a document, a resource) holds was written to the search index (SPEC Q1). */
  searchIndexed: [{ source: string }]
}

/** Lets services announce changes without knowing who listens (live connections, tests). */
export class DomainEvents extends EventEmitter<DomainEventMap> {}

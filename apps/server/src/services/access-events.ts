import { EventEmitter } from 'node:events'

export interface AccessEventMap {
  /** A user's role in a community changed, or they left it: their live access must be re-checked. */
  membershipChanged: [{ communityId: string; userId: string }]
  /** A meeting's guest access changed: every guest's live access must be re-checked. */
  meetingAccessChanged: [{ meetingId: string }]
  /** A session or bearer token was revoked: sockets it opened must close. */
  credentialRevoked: [{ tokenHash: string }]
}

/** Lets services announce access changes without knowing who holds live connections. */
export class AccessEvents extends EventEmitter<AccessEventMap> {}

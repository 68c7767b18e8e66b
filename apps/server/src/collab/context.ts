import type { Role } from '@confer/api'

/** What a connection proved at authentication; Hocuspocus keeps it per socket and document. */
export interface CollabContext {
  /** Whether the WebSocket came over https (for the Origin check). */
  secure: boolean
  userId?: string
  userName?: string
  /** SHA-256 of the session or token the socket authenticated with, to close it on revocation. */
  credentialHash?: string
  /** When that session or token expires (epoch ms): the socket closes then (SPEC A8). */
  credentialExpiresAt?: number
  /** AccessRevocation's count of access changes when this socket began authenticating. */
  accessChangesSeen?: number
  communityId?: string
  meetingId?: string | null
  role?: Role
  guest?: boolean
  readOnly?: boolean
}

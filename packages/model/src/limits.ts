/**
 * What one socket, one address, one account and one document may cost the server, with the
 * defaults the server uses when the environment sets nothing (apps/server/src/config.ts reads
 * each as the variable named beside it). Each limit, when crossed, closes the socket with the
 * CloseCode named beside it; docs/RELIABILITY.md explains why each default is what it is.
 */
export interface Limits {
  /** MAX_CONNECTIONS_PER_ADDRESS: open sockets from one client address (tooManyConnections). */
  connectionsPerAddress: number
  /** MAX_CONNECTIONS_PER_USER: open authenticated sockets of one account (tooManyConnections). */
  connectionsPerUser: number
  /** MAX_DOCUMENTS_PER_SOCKET: documents (session ids included) one socket may open (tooManyConnections). */
  documentsPerSocket: number
  /** PREAUTH_MAX_BYTES: bytes a socket may have waiting for documents not yet authenticated, each frame at least 64 (payloadTooLarge). */
  preAuthBytes: number
  /** PREAUTH_TIMEOUT_MS: time a socket has to authenticate its first document (authenticationTimeout). */
  preAuthTimeoutMs: number
  /** MAX_BUFFERED_BYTES: bytes waiting to be written to one socket before it is closed as a slow reader (slowReader). */
  bufferedBytesPerSocket: number
  /** MAX_MESSAGES_PER_SECOND: sustained incoming messages per socket (rateLimited); bursts up to MESSAGE_BURST; an account's next socket starts with what its last one left. */
  messagesPerSecond: number
  /** MESSAGE_BURST: messages a socket may send at once above the sustained rate. */
  messageBurst: number
  /** MAX_UPDATE_BYTES: one Yjs update (payloadTooLarge). */
  updateBytes: number
  /** MAX_UPDATE_ENTRIES: structs plus delete ranges in one update (payloadTooLarge). */
  updateEntries: number
  /** MAX_DOCUMENT_BYTES: a document's encoded state after an update (payloadTooLarge). */
  documentBytes: number
  /** MAX_XML_DEPTH: nesting of elements in an XML fragment (updateRejected). */
  xmlDepth: number
}

export const DEFAULT_LIMITS: Limits = {
  connectionsPerAddress: 1_024,
  connectionsPerUser: 32,
  documentsPerSocket: 32,
  preAuthBytes: 64 * 1024,
  preAuthTimeoutMs: 10_000,
  bufferedBytesPerSocket: 16 * 1024 * 1024,
  messagesPerSecond: 200,
  messageBurst: 1_000,
  updateBytes: 8 * 1024 * 1024,
  updateEntries: 50_000,
  documentBytes: 16 * 1024 * 1024,
  xmlDepth: 100,
}

/**
 * What one `community/<id>/plan` document may hold (SPEC PL2). Not configurable: they are the
 * shape of the document, checked by the model's writers and by the server on every write.
 * Text limits count UTF-16 code units, as `String.length` does in the browser and the server.
 */
export const PLAN_LIMITS = {
  /** A goal's statement ("Raise the share of grade 4 readers at benchmark"). */
  statementChars: 500,
  /** How the goal is measured. */
  measureChars: 500,
  /** The target ("80% by June"). */
  targetChars: 200,
  /** The school or district goal it serves. */
  alignsToChars: 500,
  /** An evidence entry's "what we tried" and "what it showed", each. */
  evidenceTextChars: 2_000,
  goals: 50,
  evidence: 2_000,
  /** Stage moves kept in the timeline: years of cycles. */
  timeline: 1_000,
} as const

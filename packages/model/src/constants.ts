/**
 * Wire constants both the server and the web client import, so a reason the server sends
 * is the same string the client checks for.
 */

/** Path of the Hocuspocus WebSocket endpoint on the one server port. */
export const COLLAB_PATH = '/collab'

/** Reasons sent with a refused document connection (Hocuspocus permission-denied). */
export const DenyReason = {
  /** Unknown name, unknown id, or not allowed: deliberately one reason for all three. */
  unknownDocument: 'unknown-document',
  /** No valid session cookie or bearer token came with the connection. */
  unauthenticated: 'unauthenticated',
  /** A browser connected from a page that is not ours (Origin check). */
  forbiddenOrigin: 'forbidden-origin',
} as const
export type DenyReason = (typeof DenyReason)[keyof typeof DenyReason]

/**
 * WebSocket close codes of our own (4000–4999 is the application range). A provider reconnects
 * after any of them; the reason string says what happened. The web app stops reconnecting a
 * document after a refused update (4413, 4422: resending it would only be refused again) and
 * says why (apps/web/src/collab/close-reasons.ts). docs/RELIABILITY.md lists each limit that
 * leads to one, with its default.
 */
export const CloseCode = {
  /** A frame the server could not decode as a Hocuspocus message. */
  malformedMessage: 4400,
  /** The session or token the socket authenticated with expired: sign in again. */
  credentialExpired: 4401,
  /** The user's access changed (role lowered, removed, logged out): reconnect to get the new access. */
  accessChanged: 4403,
  /** The socket sent too little to authenticate within the allowed time. */
  authenticationTimeout: 4408,
  /** Too many bytes before authentication, an update over its size or entry limit, or a document over its quota. */
  payloadTooLarge: 4413,
  /** An update the server refused to apply (nested too deep, or applying it failed): nothing of it was kept. */
  updateRejected: 4422,
  /** Too many sockets from one address or one account, or too many documents on one socket. */
  tooManyConnections: 4429,
  /** More messages per second than a person can type: the socket is closed, not slowed. */
  rateLimited: 4430,
  /** The socket did not read what it was sent: more than the allowed bytes waited to be written. */
  slowReader: 4431,
  /** The update log could not commit (e.g. a full disk): nothing was acknowledged; the provider resends. */
  storageUnavailable: 1011,
  /** The server is restarting (RFC 6455 "Service Restart"); providers reconnect by themselves. */
  serverRestart: 1012,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** Default upper bound of one incoming WebSocket frame; larger frames close the socket (1009). */
export const DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024

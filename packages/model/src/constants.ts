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

/** WebSocket close codes of our own (4000–4999 is the application range). */
export const CloseCode = {
  /** A frame the server could not decode as a Hocuspocus message. */
  malformedMessage: 4400,
  /** The user's access changed (role lowered, removed, logged out): reconnect to get the new access. */
  accessChanged: 4403,
  /** The server is restarting (RFC 6455 "Service Restart"); providers reconnect by themselves. */
  serverRestart: 1012,
} as const

/** Default upper bound of one incoming WebSocket frame; larger frames close the socket (1009). */
export const DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024

/** The `error` codes the API answers with, beside a human `message` (DESIGN §3). */
export const ErrorCode = {
  invalidRequest: 'invalid_request',
  unauthenticated: 'unauthenticated',
  invalidCredentials: 'invalid_credentials',
  emailTaken: 'email_taken',
  notFound: 'not_found',
  forbidden: 'forbidden',
  tooManyRequests: 'too_many_requests',
  lastFacilitator: 'last_facilitator',
  inviteExpired: 'invite_expired',
  alreadyMember: 'already_member',
  invalidTransition: 'invalid_transition',
  /** 409: a meeting that has started keeps its start (PATCH /api/meetings/:id). */
  meetingStarted: 'meeting_started',
  /** 413: an upload over MAX_UPLOAD_BYTES (POST /api/communities/:id/resources). */
  tooLarge: 'too_large',
  /** 415: an upload whose bytes are not of an allowed type (HTML, SVG and scripts never are). */
  typeNotAllowed: 'type_not_allowed',
  /** 503: the server's storage cannot write (a full or failing disk); try again later. */
  storageUnavailable: 'storage_unavailable',
  /** 503: a service the server needs to act safely (Redis, between processes) does not answer; try again shortly. */
  unavailable: 'unavailable',
  internal: 'internal',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

export interface ApiError {
  error: string
  message: string
}

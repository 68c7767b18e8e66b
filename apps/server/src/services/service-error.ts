import type { ErrorCode } from '@confer/api'

/**
 * A failure the caller can act on, with the HTTP status and API error code it maps to.
 * Services throw it; the HTTP layer turns it into `{error, message}`.
 */
export class ServiceError extends Error {
  readonly status: number
  readonly code: ErrorCode

  constructor(status: number, code: ErrorCode, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

/** Unknown and forbidden answer the same, so ids cannot be probed (DESIGN §3). */
export const notFound = (what = 'That'): ServiceError =>
  new ServiceError(404, 'not_found', `${what} does not exist, or you do not have access to it.`)

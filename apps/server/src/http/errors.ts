import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import { ServiceError } from '../services/service-error.ts'
import { isPostgresUnavailable } from '../stores/postgres/unavailable.ts'

/** Every error leaves as `{error, message}` (DESIGN §3); internals never reach the client. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ServiceError, req, reply) => {
    if (error instanceof ServiceError) {
      return reply.status(error.status).send({ error: error.code, message: error.message })
    }
    if (isStorageFailure(error)) {
      req.log.error({ err: error }, 'storage unavailable')
      return reply.status(503).send({
        error: 'storage_unavailable',
        message: 'The server cannot save right now (its storage is full or failing). Try again shortly.',
      })
    }
    const status = error.statusCode ?? 500
    if (status >= 500) {
      req.log.error({ err: error }, 'request failed')
      return reply
        .status(500)
        .send({ error: 'internal', message: 'Something went wrong on our side. Try again.' })
    }
    return reply.status(status).send({ error: fastifyCode(error), message: error.message })
  })
}

/** SQLite's primary result codes for a disk that is full or failing (extended codes carry them in the low byte). */
const SQLITE_IOERR = 10
const SQLITE_FULL = 13

/**
 * A write the store could not make because of its disk, not because of the request: node:sqlite
 * errors carry SQLite's result code as `errcode`; PostgreSQL's are told apart by their SQLSTATE
 * class or connection error. Everything else stays a 500.
 */
function isStorageFailure(error: unknown): boolean {
  if (isPostgresUnavailable(error)) return true
  const errcode = (error as { errcode?: unknown } | null)?.errcode
  if (typeof errcode !== 'number') return false
  const primary = errcode & 0xff
  return primary === SQLITE_FULL || primary === SQLITE_IOERR
}

/** Fastify's own 4xx (bad JSON, body too large, wrong content type) in our vocabulary. */
function fastifyCode(error: FastifyError): string {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'payload_too_large'
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'unsupported_media_type'
  return 'invalid_request'
}

export function sendNotFound(reply: FastifyReply): FastifyReply {
  return reply.status(404).send({ error: 'not_found', message: 'There is nothing here.' })
}

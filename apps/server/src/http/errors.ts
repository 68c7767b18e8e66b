import type { FastifyError, FastifyInstance } from 'fastify'

/** Every error leaves as `{error, message}` (DESIGN §3); internals never reach the client. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const status = error.statusCode ?? 500
    if (status >= 500) {
      req.log.error({ err: error }, 'request failed')
      return reply.status(status).send({ error: 'internal', message: 'Something went wrong on our side.' })
    }
    const code = error.validation ? 'invalid_request' : (error.code?.toLowerCase() ?? 'bad_request')
    return reply.status(status).send({ error: code, message: error.message })
  })
}

export function sendNotFound(reply: { status(code: number): { send(body: unknown): unknown } }): unknown {
  return reply.status(404).send({ error: 'not_found', message: 'There is nothing here.' })
}

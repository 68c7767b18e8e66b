import { randomUUID } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { FastifyInstance } from 'fastify'

/** An id a proxy may hand us: short, and nothing that could break a log line or a header. */
const PLAIN_ID = /^[A-Za-z0-9._:=+/-]{1,128}$/

/**
 * The id of a request, in each of its log lines and echoed as X-Request-Id: the trusted proxy's
 * X-Request-Id, so its logs and ours join up, else a fresh one. Without TRUST_PROXY the header
 * is anyone's to set, and a client could make its requests pass for another's.
 */
export function requestId(headers: IncomingHttpHeaders, trustProxy: boolean): string {
  const incoming = headers['x-request-id']
  if (trustProxy && typeof incoming === 'string' && PLAIN_ID.test(incoming)) return incoming
  return randomUUID()
}

/** Every answer, 404s and errors included, names its request, for a user's bug report. */
export function echoRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id)
    done()
  })
}

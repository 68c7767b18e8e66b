import type { FastifyInstance } from 'fastify'
import type { Readiness } from '../metrics/readiness.ts'

/**
 * Liveness (the process answers), readiness (its stores answer too: a load balancer stops sending
 * it requests otherwise) and the server clock clients estimate their offset against.
 */
export function registerSystemRoutes(app: FastifyInstance, readiness: Readiness): void {
  app.get('/api/health', async () => ({ ok: true }))
  app.get('/api/ready', async (req, reply) => {
    reply.header('cache-control', 'no-store')
    const failing = await readiness.failing(req.log)
    if (failing.length === 0) return { ok: true }
    return reply
      .status(503)
      .send({ error: 'not_ready', message: `Not ready: ${failing.join(', ')} did not answer.` })
  })
  app.get('/api/time', async (_req, reply) => {
    reply.header('cache-control', 'no-store')
    return { now: Date.now() }
  })
}

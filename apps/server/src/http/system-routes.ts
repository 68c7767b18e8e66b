import type { FastifyInstance } from 'fastify'

/** Liveness and the server clock clients estimate their offset against. */
export function registerSystemRoutes(app: FastifyInstance): void {
  app.get('/api/health', async () => ({ ok: true }))
  app.get('/api/time', async (_req, reply) => {
    reply.header('cache-control', 'no-store')
    return { now: Date.now() }
  })
}

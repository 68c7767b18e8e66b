import type { FastifyInstance } from 'fastify'
import { requireUser } from '../request-user.ts'
import { idParam } from '../validation.ts'
import type { RouteDeps } from './route-deps.ts'

/** Progress of communities and networks, and the invitations that make sponsors (SPEC PR1–PR4). */
export function registerProgressRoutes(app: FastifyInstance, { config, services }: RouteDeps): void {
  const { auth, progress, sponsors } = services

  app.get('/api/communities/:id/progress', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return progress.community(idParam(req.params, 'id', 'That community'), user.id)
  })

  app.get('/api/networks/:id/progress', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return progress.network(idParam(req.params, 'id', 'That network'), user.id)
  })

  app.post('/api/networks/:id/sponsor-invites', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    return reply.status(201).send(await sponsors.invite(idParam(req.params, 'id', 'That network'), user.id))
  })
}

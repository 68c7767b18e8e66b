import { CreateMeetingBody, NetworkAccessBody } from '@confer/api'
import type { FastifyInstance } from 'fastify'
import { requireUser } from '../request-user.ts'
import { idParam, parse } from '../validation.ts'
import type { RouteDeps } from './route-deps.ts'

export function registerMeetingRoutes(app: FastifyInstance, { config, services }: RouteDeps): void {
  const { auth, meetings } = services

  app.post('/api/communities/:id/meetings', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    const communityId = idParam(req.params, 'id', 'That community')
    const body = parse(CreateMeetingBody, req.body)
    return reply.status(201).send({ meeting: await meetings.create(communityId, user.id, body) })
  })

  app.get('/api/communities/:id/meetings', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return { meetings: await meetings.list(idParam(req.params, 'id', 'That community'), user.id) }
  })

  app.get('/api/meetings/:id', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return meetings.view(idParam(req.params, 'id', 'That meeting'), user.id)
  })

  app.put('/api/meetings/:id/network-access', async (req) => {
    const { user } = await requireUser(req, auth, config)
    const id = idParam(req.params, 'id', 'That meeting')
    const body = parse(NetworkAccessBody, req.body)
    return meetings.setNetworkAccess(id, user.id, body.guestRole)
  })
}

import { RunActionBody } from '@confer/api'
import { ProtocolBodySchema } from '@confer/protocols'
import type { FastifyInstance } from 'fastify'
import { requireUser } from '../request-user.ts'
import { idParam, parse } from '../validation.ts'
import type { RouteDeps } from './route-deps.ts'

export function registerFacilitationRoutes(app: FastifyInstance, { config, services }: RouteDeps): void {
  const { auth, protocols, runs } = services
  const community = (params: unknown) => idParam(params, 'id', 'That community')

  app.get('/api/protocols', async (req) => {
    await requireUser(req, auth, config)
    return { protocols: protocols.library() }
  })

  app.get('/api/meetings/:id/protocols', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return protocols.forMeeting(idParam(req.params, 'id', 'That meeting'), user.id)
  })

  app.get('/api/communities/:id/protocols', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return protocols.forCommunity(community(req.params), user.id)
  })

  app.post('/api/communities/:id/protocols', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    const id = community(req.params)
    const body = parse(ProtocolBodySchema, req.body)
    return reply.status(201).send({ protocol: await protocols.create(id, user.id, body) })
  })

  app.put('/api/communities/:id/protocols/:protocolId', async (req) => {
    const { user } = await requireUser(req, auth, config)
    const id = community(req.params)
    const protocolId = idParam(req.params, 'protocolId', 'That protocol')
    const body = parse(ProtocolBodySchema, req.body)
    return { protocol: await protocols.update(id, user.id, protocolId, body) }
  })

  app.delete('/api/communities/:id/protocols/:protocolId', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    await protocols.remove(community(req.params), user.id, idParam(req.params, 'protocolId', 'That protocol'))
    return reply.status(204).send()
  })

  app.post('/api/meetings/:id/run', async (req) => {
    const { user } = await requireUser(req, auth, config)
    const meetingId = idParam(req.params, 'id', 'That meeting')
    const body = parse(RunActionBody, req.body)
    return runs.act(meetingId, user.id, body)
  })

  app.get('/api/meetings/:id/run/context', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return runs.context(idParam(req.params, 'id', 'That meeting'), user.id)
  })
}

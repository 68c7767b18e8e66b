import { ChangeRoleBody, CreateCommunityBody, CreateInviteBody, UpdateCommunityBody } from '@confer/api'
import type { FastifyInstance } from 'fastify'
import { requireUser } from '../request-user.ts'
import { idParam, parse } from '../validation.ts'
import type { RouteDeps } from './route-deps.ts'

export function registerCommunityRoutes(app: FastifyInstance, { config, services }: RouteDeps): void {
  const { auth, communities, invites } = services
  const community = (params: unknown) => idParam(params, 'id', 'That community')

  app.post('/api/communities', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    const body = parse(CreateCommunityBody, req.body)
    return reply.status(201).send({ community: await communities.create(user.id, body.name, body.focus) })
  })

  app.get('/api/communities/:id', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return { community: await communities.get(community(req.params), user.id) }
  })

  app.patch('/api/communities/:id', async (req) => {
    const { user } = await requireUser(req, auth, config)
    const id = community(req.params)
    const body = parse(UpdateCommunityBody, req.body)
    return { community: await communities.update(id, user.id, body) }
  })

  app.patch('/api/communities/:id/members/:userId', async (req) => {
    const { user } = await requireUser(req, auth, config)
    const id = community(req.params)
    const target = idParam(req.params, 'userId', 'That member')
    const body = parse(ChangeRoleBody, req.body)
    await communities.setRole(id, user.id, target, body.role)
    return { community: await communities.get(id, user.id) }
  })

  app.delete('/api/communities/:id/members/:userId', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    const id = community(req.params)
    await communities.setRole(id, user.id, idParam(req.params, 'userId', 'That member'), null)
    return reply.status(204).send()
  })

  app.post('/api/communities/:id/invites', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    const id = community(req.params)
    const body = parse(CreateInviteBody, req.body)
    return reply.status(201).send(await invites.create(id, user.id, body.role, body.expiresInHours))
  })

  app.get('/api/communities/:id/invites', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return { invites: await invites.list(community(req.params), user.id) }
  })

  app.delete('/api/communities/:id/invites/:inviteId', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    await invites.revoke(community(req.params), user.id, idParam(req.params, 'inviteId', 'That invitation'))
    return reply.status(204).send()
  })
}

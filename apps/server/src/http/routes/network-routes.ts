import { AddNetworkCommunityBody, CreateNetworkBody } from '@confer/api'
import type { FastifyInstance } from 'fastify'
import { requireUser } from '../request-user.ts'
import { idParam, parse } from '../validation.ts'
import type { RouteDeps } from './route-deps.ts'

export function registerNetworkRoutes(app: FastifyInstance, { config, services }: RouteDeps): void {
  const { auth, networks } = services
  const network = (params: unknown) => idParam(params, 'id', 'That network')

  app.post('/api/networks', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    const body = parse(CreateNetworkBody, req.body)
    return reply.status(201).send({ network: await networks.create(user.id, body) })
  })

  app.get('/api/networks', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return { networks: await networks.listFor(user.id) }
  })

  app.get('/api/networks/:id', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return { network: await networks.get(network(req.params), user.id) }
  })

  /** Meetings its communities opened to network guests (SPEC G1). */
  app.get('/api/networks/:id/meetings', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return { meetings: await networks.openedMeetings(network(req.params), user.id) }
  })

  app.post('/api/networks/:id/invites', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    return reply.status(201).send(await networks.invite(network(req.params), user.id))
  })

  /** Anyone holding the link may see which network it leads to, before choosing a community. */
  app.get('/api/network-invites/:code', async (req) => {
    const code = (req.params as { code?: unknown }).code
    return { invite: await networks.previewInvite(typeof code === 'string' ? code : '') }
  })

  app.post('/api/network-invites/:code/accept', async (req) => {
    const { user } = await requireUser(req, auth, config)
    const code = (req.params as { code?: unknown }).code
    const body = parse(AddNetworkCommunityBody, req.body)
    return {
      network: await networks.acceptInvite(typeof code === 'string' ? code : '', user.id, body.communityId),
    }
  })

  app.post('/api/networks/:id/communities', async (req) => {
    const { user } = await requireUser(req, auth, config)
    const id = network(req.params)
    const body = parse(AddNetworkCommunityBody, req.body)
    return { network: await networks.addCommunity(id, user.id, body.communityId) }
  })
}

import { AddNetworkCommunityBody, CreateNetworkBody } from '@confer/api'
import type { FastifyInstance } from 'fastify'
import { requireUser } from '../request-user.ts'
import { idParam, parse } from '../validation.ts'
import type { RouteDeps } from './route-deps.ts'

export function registerNetworkRoutes(app: FastifyInstance, { config, services }: RouteDeps): void {
  const { auth, networks, sponsors } = services
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
    const text = typeof code === 'string' ? code : ''
    // A sponsor invitation says so (kind 'sponsor', SPEC PR4); any other is a community's.
    return { invite: (await sponsors.preview(text)) ?? (await networks.previewInvite(text)) }
  })

  app.post('/api/network-invites/:code/accept', async (req) => {
    const { user } = await requireUser(req, auth, config)
    const code = (req.params as { code?: unknown }).code
    const text = typeof code === 'string' ? code : ''
    // With no body (or an empty one), a sponsor invitation makes the caller a sponsor (SPEC PR4).
    if (isEmptyBody(req.body)) {
      const accepted = await sponsors.accept(text, user.id)
      if (accepted) return accepted
    }
    const body = parse(AddNetworkCommunityBody, req.body)
    return { network: await networks.acceptInvite(text, user.id, body.communityId) }
  })

  app.post('/api/networks/:id/communities', async (req) => {
    const { user } = await requireUser(req, auth, config)
    const id = network(req.params)
    const body = parse(AddNetworkCommunityBody, req.body)
    return { network: await networks.addCommunity(id, user.id, body.communityId) }
  })
}

const isEmptyBody = (body: unknown): boolean =>
  body === undefined ||
  body === null ||
  (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0)

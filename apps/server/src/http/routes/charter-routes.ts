import { AffirmBody, NormsCheckBody, StarterCharterBody } from '@confer/api'
import { STARTER_CHARTERS } from '@confer/model'
import type { FastifyInstance } from 'fastify'
import { requireUser } from '../request-user.ts'
import { idParam, parse } from '../validation.ts'
import type { RouteDeps } from './route-deps.ts'

export function registerCharterRoutes(app: FastifyInstance, { config, services }: RouteDeps): void {
  const { auth, charter } = services
  const community = (params: unknown) => idParam(params, 'id', 'That community')
  const meeting = (params: unknown) => idParam(params, 'id', 'That meeting')

  app.get('/api/starter-charters', async (req) => {
    await requireUser(req, auth, config)
    return { starters: STARTER_CHARTERS }
  })

  app.post('/api/communities/:id/charter/starter', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    const id = community(req.params)
    await charter.applyStarter(id, user.id, parse(StarterCharterBody, req.body).starterId)
    return reply.status(204).send()
  })

  app.post('/api/communities/:id/charter/affirm', async (req) => {
    const { user } = await requireUser(req, auth, config)
    const id = community(req.params)
    return charter.affirm(id, user.id, parse(AffirmBody, req.body ?? {}).version)
  })

  app.get('/api/communities/:id/charter/affirmations', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return charter.affirmations(community(req.params), user.id)
  })

  app.get('/api/communities/:id/norms-trend', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return charter.trend(community(req.params), user.id)
  })

  app.get('/api/meetings/:id/norms-check', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return charter.normsCheck(meeting(req.params), user.id)
  })

  app.put('/api/meetings/:id/norms-check', async (req) => {
    const { user } = await requireUser(req, auth, config)
    const id = meeting(req.params)
    return charter.rate(id, user.id, parse(NormsCheckBody, req.body).ratings)
  })
}

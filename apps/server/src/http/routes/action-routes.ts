import { UpdateActionBody } from '@confer/api'
import type { FastifyInstance } from 'fastify'
import { requireUser } from '../request-user.ts'
import { idParam, parse } from '../validation.ts'
import type { RouteDeps } from './route-deps.ts'

/** Action items outside a meeting's page: my open items, and ticking one done (SPEC T3). */
export function registerActionRoutes(app: FastifyInstance, { config, services }: RouteDeps): void {
  const { auth, actions } = services

  app.get('/api/me/actions', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return { actions: await actions.mine(user.id) }
  })

  app.patch('/api/meetings/:id/actions/:actionId', async (req) => {
    const { user } = await requireUser(req, auth, config)
    const meetingId = idParam(req.params, 'id', 'That meeting')
    const actionId = idParam(req.params, 'actionId', 'That action item')
    const body = parse(UpdateActionBody, req.body)
    return { action: await actions.update(meetingId, actionId, user.id, body) }
  })
}

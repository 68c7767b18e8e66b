import type { FastifyInstance } from 'fastify'
import { notFound } from '../../services/service-error.ts'
import { requireUser } from '../request-user.ts'
import type { RouteDeps } from './route-deps.ts'

function codeParam(params: unknown): string {
  const code = (params as { code?: unknown }).code
  if (typeof code !== 'string' || !/^[A-Za-z0-9_-]{10,200}$/.test(code)) throw notFound('That invitation')
  return code
}

export function registerInviteRoutes(app: FastifyInstance, { config, services }: RouteDeps): void {
  /** Anyone holding the link may see what it offers, so a newcomer knows what they sign up for. */
  app.get('/api/invites/:code', async (req) => ({
    invite: await services.invites.preview(codeParam(req.params)),
  }))

  app.post('/api/invites/:code/accept', async (req) => {
    const { user } = await requireUser(req, services.auth, config)
    return services.invites.accept(codeParam(req.params), user.id)
  })
}

import { formatDocumentName } from '@confer/model'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { requireUser } from '../request-user.ts'
import { idParam } from '../validation.ts'
import type { RouteDeps } from './route-deps.ts'

/** Version history of meeting notes, charters and plans: the same three routes under each. */
export function registerVersionRoutes(app: FastifyInstance, { config, services }: RouteDeps): void {
  const { auth, versions } = services
  const documents = [
    {
      prefix: '/api/meetings/:id',
      name: (req: FastifyRequest) =>
        formatDocumentName({ kind: 'meeting', meetingId: idParam(req.params, 'id', 'That meeting') }),
    },
    {
      prefix: '/api/communities/:id/charter',
      name: (req: FastifyRequest) =>
        formatDocumentName({ kind: 'charter', communityId: idParam(req.params, 'id', 'That community') }),
    },
    {
      prefix: '/api/communities/:id/plan',
      name: (req: FastifyRequest) =>
        formatDocumentName({ kind: 'plan', communityId: idParam(req.params, 'id', 'That community') }),
    },
  ]

  for (const { prefix, name } of documents) {
    app.get(`${prefix}/versions`, async (req) => {
      const { user } = await requireUser(req, auth, config)
      return { versions: await versions.list(user.id, name(req)) }
    })

    app.get(`${prefix}/versions/:versionId`, async (req, reply) => {
      const { user } = await requireUser(req, auth, config)
      const state = await versions.state(user.id, name(req), idParam(req.params, 'versionId', 'That version'))
      return reply
        .type('application/octet-stream')
        .header('cache-control', 'private, max-age=31536000')
        .send(Buffer.from(state))
    })

    app.post(`${prefix}/versions/:versionId/restore`, async (req, reply) => {
      const { user } = await requireUser(req, auth, config)
      await versions.restore(
        user.id,
        name(req),
        idParam(req.params, 'versionId', 'That version'),
        config.limits.xmlDepth,
      )
      return reply.status(204).send()
    })
  }
}

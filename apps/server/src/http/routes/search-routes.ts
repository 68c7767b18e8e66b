import { SEARCH_RESULTS_MAX, type SearchResponse } from '@confer/api'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { requireUser } from '../request-user.ts'
import { idParam, parse } from '../validation.ts'
import type { RouteDeps } from './route-deps.ts'

/** `?q=` (its limits are the parser's: SPEC Q4) and an optional `limit` of 1–50 (default 20). */
const SearchParams = z.object({
  q: z.string({ message: 'Say what to search for: ?q=' }),
  limit: z.coerce.number().int().min(1).max(SEARCH_RESULTS_MAX).optional(),
})

/** Search over communities' archives (SPEC Q2, Q3). */
export function registerSearchRoutes(app: FastifyInstance, { config, services }: RouteDeps): void {
  const { auth, search } = services

  app.get('/api/communities/:id/search', async (req): Promise<SearchResponse> => {
    const { user } = await requireUser(req, auth, config)
    const communityId = idParam(req.params, 'id', 'That community')
    const { q, limit } = parse(SearchParams, req.query)
    return { results: await search.search(communityId, user.id, q, limit) }
  })

  app.get('/api/search', async (req): Promise<SearchResponse> => {
    const { user } = await requireUser(req, auth, config)
    const { q, limit } = parse(SearchParams, req.query)
    return { results: await search.searchAll(user.id, q, limit) }
  })
}

import type { FastifyInstance } from 'fastify'
import { requireUser } from '../request-user.ts'
import type { RouteDeps } from './route-deps.ts'

export function registerMeRoutes(app: FastifyInstance, { config, services }: RouteDeps): void {
  app.get('/api/me', async (req) => {
    const { user } = await requireUser(req, services.auth, config)
    return {
      user,
      communities: await services.communities.listFor(user.id),
      // A sponsor's home page leads to the progress of the networks they sponsor (SPEC PR4).
      sponsoring: await services.sponsors.sponsoring(user.id),
    }
  })

  /** Meetings other communities of my networks opened to me as a guest (SPEC G1). */
  app.get('/api/me/network-meetings', async (req) => {
    const { user } = await requireUser(req, services.auth, config)
    return { meetings: await services.networks.guestMeetings(user.id) }
  })

  /** The home screen: upcoming meetings across my communities, and my networks. */
  app.get('/api/me/overview', async (req) => {
    const { user } = await requireUser(req, services.auth, config)
    return {
      upcomingMeetings: await services.meetings.upcoming(user.id),
      networks: await services.networks.listFor(user.id),
    }
  })
}

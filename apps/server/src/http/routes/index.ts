import type { FastifyInstance } from 'fastify'
import { registerActionRoutes } from './action-routes.ts'
import { registerAuthRoutes } from './auth-routes.ts'
import { registerCharterRoutes } from './charter-routes.ts'
import { registerCommunityRoutes } from './community-routes.ts'
import { registerEventsRoutes } from './events-routes.ts'
import { registerExportRoutes } from './export-routes.ts'
import { registerFacilitationRoutes } from './facilitation-routes.ts'
import { registerInviteRoutes } from './invite-routes.ts'
import { registerMeRoutes } from './me-routes.ts'
import { registerMeetingRoutes } from './meeting-routes.ts'
import { registerNetworkRoutes } from './network-routes.ts'
import { registerProgressRoutes } from './progress-routes.ts'
import { registerResourceRoutes } from './resource-routes.ts'
import type { RouteDeps } from './route-deps.ts'
import { registerSearchRoutes } from './search-routes.ts'
import { registerVersionRoutes } from './version-routes.ts'

export function registerApiRoutes(app: FastifyInstance, deps: RouteDeps): void {
  registerAuthRoutes(app, deps)
  registerMeRoutes(app, deps)
  registerCommunityRoutes(app, deps)
  registerInviteRoutes(app, deps)
  registerNetworkRoutes(app, deps)
  registerProgressRoutes(app, deps)
  registerMeetingRoutes(app, deps)
  registerActionRoutes(app, deps)
  registerFacilitationRoutes(app, deps)
  registerCharterRoutes(app, deps)
  registerVersionRoutes(app, deps)
  registerExportRoutes(app, deps)
  registerResourceRoutes(app, deps)
  registerSearchRoutes(app, deps)
  registerEventsRoutes(app, deps)
}

import type { LiveEvent } from '@confer/api'
import type { FastifyInstance } from 'fastify'
import { hashSecret } from '../../services/secrets.ts'
import { EventStream } from '../event-stream.ts'
import { requireUser } from '../request-user.ts'
import type { RouteDeps } from './route-deps.ts'

/**
 * GET /api/events: the signed-in person's live event stream (Server-Sent Events, SPEC U1–U3).
 * One per browser tab; what it carries is decided per event (services/live-events.ts).
 */
export function registerEventsRoutes(app: FastifyInstance, { config, services }: RouteDeps): void {
  const { auth, liveEvents } = services
  liveEvents.reportErrorsTo((error) => app.log.error({ err: error }, 'a live event was not delivered'))
  // Ended before the server stops accepting, so browsers reconnect to a process still serving.
  app.addHook('preClose', (done) => {
    liveEvents.closeAll('server stopping')
    done()
  })

  app.get('/api/events', async (req, reply) => {
    const who = await requireUser(req, auth, config)
    let stream: EventStream | null = null
    // Counted before the response starts, so a stream over the limit is an ordinary 429.
    const remove = liveEvents.open(
      {
        userId: who.user.id,
        credentialHash: hashSecret(who.secret),
        expiresAt: who.expiresAt,
        send: (event: LiveEvent) => stream?.send(event),
        end: (reason: string) => stream?.end(reason),
      },
      config.maxEventStreamsPerUser,
    )
    stream = new EventStream(reply, config.eventHeartbeatMs)
    stream.onClose(remove)
  })
}

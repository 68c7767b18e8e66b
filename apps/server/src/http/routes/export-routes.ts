import type { CalendarKeyCreated, CalendarKeyStatus } from '@confer/api'
import type { FastifyInstance } from 'fastify'
import { MAX_CALENDAR_KEY_LENGTH } from '../../services/exports/calendar-service.ts'
import { notFound } from '../../services/service-error.ts'
import { SUMMARY_HTML_CSP } from '../../services/summary/summary-html.ts'
import { contentDisposition, siteOrigin } from '../download-headers.ts'
import { requireUser } from '../request-user.ts'
import { idParam } from '../validation.ts'
import type { RouteDeps } from './route-deps.ts'

const ICS = 'text/calendar; charset=utf-8'

/** The feed key from `?key=`: one short string, or nothing (answered as a wrong key). */
function feedKey(query: unknown): string {
  const key = (query as Record<string, unknown> | undefined)?.key
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_CALENDAR_KEY_LENGTH) {
    throw notFound('That calendar')
  }
  return key
}

/** Exports (SPEC X1–X6): print view, CSV, calendars and the community's archive. */
export function registerExportRoutes(
  app: FastifyInstance,
  { config, services, calendarFeedLimiter }: RouteDeps,
): void {
  const { auth, summaries, exports, calendars } = services
  const meeting = (params: unknown) => idParam(params, 'id', 'That meeting')
  const community = (params: unknown) => idParam(params, 'id', 'That community')

  app.get('/api/meetings/:id/summary.html', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    const { title, html } = await summaries.html(meeting(req.params), user.id)
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', SUMMARY_HTML_CSP)
      .header('content-disposition', contentDisposition('inline', title, '.html', 'meeting'))
      .header('cache-control', 'private, no-store')
      .send(html)
  })

  app.get('/api/meetings/:id/calendar.ics', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    const { title, ics } = await calendars.meeting(meeting(req.params), user.id, siteOrigin(config, req))
    return reply
      .type(ICS)
      .header('content-disposition', contentDisposition('attachment', title, '.ics', 'meeting'))
      .header('cache-control', 'private, no-store')
      .send(ics)
  })

  app.get('/api/communities/:id/actions.csv', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    const { name, csv } = await exports.actionsCsv(community(req.params), user.id)
    return reply
      .type('text/csv; charset=utf-8; header=present')
      .header(
        'content-disposition',
        contentDisposition('attachment', `${name} action items`, '.csv', 'action-items'),
      )
      .header('cache-control', 'private, no-store')
      .send(csv)
  })

  app.get('/api/communities/:id/export.zip', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    const { name, stream } = await exports.archive(community(req.params), user.id)
    stream.on('error', (error) => req.log.error({ err: error }, 'the community archive failed mid-download'))
    return reply
      .type('application/zip')
      .header('content-disposition', contentDisposition('attachment', name, '.zip', 'community'))
      .header('cache-control', 'private, no-store')
      .send(stream)
  })

  // Calendar apps carry no cookie: the key in the address is the credential (SPEC X4).
  app.get('/api/communities/:id/calendar.ics', async (req, reply) => {
    await calendarFeedLimiter.hit(req.ip)
    const ics = await calendars.feed(community(req.params), feedKey(req.query), siteOrigin(config, req))
    return reply
      .type(ICS)
      .header('content-disposition', 'inline; filename="calendar.ics"')
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex')
      .send(ics)
  })

  app.get('/api/communities/:id/calendar-key', async (req): Promise<CalendarKeyStatus> => {
    const { user } = await requireUser(req, auth, config)
    const createdAt = await calendars.keyMade(community(req.params), user.id)
    return { feed: createdAt === null ? null : { createdAt: new Date(createdAt).toISOString() } }
  })

  app.post('/api/communities/:id/calendar-key', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    const id = community(req.params)
    const key = await calendars.newKey(id, user.id)
    const url = `${siteOrigin(config, req)}/api/communities/${id}/calendar.ics?key=${encodeURIComponent(key)}`
    const body: CalendarKeyCreated = { url }
    return reply.status(201).header('cache-control', 'no-store').send(body)
  })
}

import {
  AttendanceBody,
  CreateMeetingBody,
  CreateSeriesBody,
  NetworkAccessBody,
  SaveTemplateBody,
  type TemplateItem,
  UpdateMeetingBody,
} from '@confer/api'
import type { FastifyInstance } from 'fastify'
import { requireUser } from '../request-user.ts'
import { idParam, parse } from '../validation.ts'
import type { RouteDeps } from './route-deps.ts'

export function registerMeetingRoutes(app: FastifyInstance, { config, services }: RouteDeps): void {
  const { auth, meetings, templates, communities } = services
  const community = (params: unknown) => idParam(params, 'id', 'That community')

  /** The agenda a new meeting starts from: checked for the facilitator before any lookup. */
  async function startingAgenda(
    communityId: string,
    userId: string,
    templateId?: string,
  ): Promise<TemplateItem[]> {
    await communities.requireRole(communityId, userId, 'facilitator')
    return templateId ? templates.itemsFor(communityId, templateId) : []
  }

  app.post('/api/communities/:id/meetings', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    const communityId = community(req.params)
    const body = parse(CreateMeetingBody, req.body)
    const agenda = await startingAgenda(communityId, user.id, body.templateId)
    const [meeting] = await meetings.create(
      communityId,
      user.id,
      { ...body, startsAt: [body.startsAt] },
      agenda,
    )
    return reply.status(201).send({ meeting })
  })

  app.post('/api/communities/:id/meetings/series', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    const communityId = community(req.params)
    const body = parse(CreateSeriesBody, req.body)
    const agenda = await startingAgenda(communityId, user.id, body.templateId)
    return reply.status(201).send({ meetings: await meetings.create(communityId, user.id, body, agenda) })
  })

  app.get('/api/communities/:id/actions', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return { actions: await meetings.openActions(community(req.params), user.id) }
  })

  app.get('/api/communities/:id/templates', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return { templates: await templates.list(community(req.params), user.id) }
  })

  app.post('/api/communities/:id/templates', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    const communityId = community(req.params)
    const body = parse(SaveTemplateBody, req.body)
    return reply
      .status(201)
      .send({ template: await templates.saveFromMeeting(communityId, user.id, body.name, body.meetingId) })
  })

  app.delete('/api/communities/:id/templates/:templateId', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    await templates.remove(community(req.params), user.id, idParam(req.params, 'templateId', 'That template'))
    return reply.status(204).send()
  })

  app.get('/api/meetings/:id/attendance', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return { attendance: await meetings.attendance(idParam(req.params, 'id', 'That meeting'), user.id) }
  })

  app.put('/api/meetings/:id/attendance', async (req) => {
    const { user } = await requireUser(req, auth, config)
    const id = idParam(req.params, 'id', 'That meeting')
    const body = parse(AttendanceBody, req.body)
    return { attendance: await meetings.correctAttendance(id, user.id, body.userId, body.present) }
  })

  app.get('/api/meetings/:id/summary.md', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    const { title, markdown } = await services.summaries.markdown(
      idParam(req.params, 'id', 'That meeting'),
      user.id,
    )
    const filename = `${
      title
        .replace(/[^\w -]+/g, '')
        .trim()
        .slice(0, 60) || 'meeting'
    }.md`
    return reply
      .type('text/markdown; charset=utf-8')
      .header('content-disposition', `inline; filename="${filename}"`)
      .send(markdown)
  })

  app.get('/api/communities/:id/meetings', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return { meetings: await meetings.list(idParam(req.params, 'id', 'That community'), user.id) }
  })

  app.get('/api/meetings/:id', async (req) => {
    const { user } = await requireUser(req, auth, config)
    return meetings.view(idParam(req.params, 'id', 'That meeting'), user.id)
  })

  app.patch('/api/meetings/:id', async (req) => {
    const { user } = await requireUser(req, auth, config)
    const id = idParam(req.params, 'id', 'That meeting')
    const body = parse(UpdateMeetingBody, req.body)
    return { meeting: await meetings.update(id, user.id, body) }
  })

  app.put('/api/meetings/:id/network-access', async (req) => {
    const { user } = await requireUser(req, auth, config)
    const id = idParam(req.params, 'id', 'That meeting')
    const body = parse(NetworkAccessBody, req.body)
    return meetings.setNetworkAccess(id, user.id, body.guestRole)
  })
}

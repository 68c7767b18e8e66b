import { CreateLinkBody, type ResourceCreated, type ResourceList, ResourceTitleSchema } from '@confer/api'
import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { StagedUpload } from '../../services/resources/stage-upload.ts'
import { tooLarge } from '../../services/resources/stage-upload.ts'
import { ServiceError } from '../../services/service-error.ts'
import { contentDisposition } from '../download-headers.ts'
import { requireUser } from '../request-user.ts'
import { idParam, parse } from '../validation.ts'
import type { RouteDeps } from './route-deps.ts'

/** What a multipart body may add around the file: boundaries, part headers, a title. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024
/** A link's JSON body: an address and a title, with room to spare. */
const LINK_BODY_BYTES = 16 * 1024

/**
 * Files are shown in a document of their own, on our origin: nothing in them may run, load or
 * frame anything. Images and text are also sandboxed; Chromium's PDF viewer will not open in a
 * sandboxed document, so a PDF keeps its own plugin (object-src) and nothing else.
 */
const CONTENT_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'"
const contentPolicy = (type: string) =>
  type === 'application/pdf' ? `${CONTENT_CSP}; object-src 'self'` : `${CONTENT_CSP}; sandbox`

const invalid = (message: string) => new ServiceError(400, 'invalid_request', message)

/** Shared links and files (SPEC RS1–RS9; DESIGN §3). */
export function registerResourceRoutes(app: FastifyInstance, { config, services }: RouteDeps): void {
  const { auth, resources } = services
  const community = (params: unknown) => idParam(params, 'id', 'That community')
  const resource = (params: unknown) => idParam(params, 'id', 'That resource')

  // The multipart parser only here: everywhere else a multipart body stays a 415.
  app.register(async (scope) => {
    await scope.register(multipart, { throwFileSizeLimit: true })
    scope.post('/api/communities/:id/resources', { bodyLimit: LINK_BODY_BYTES }, async (req, reply) => {
      const { user } = await requireUser(req, auth, config)
      const id = community(req.params)
      const created = req.isMultipart()
        ? await upload(req, id, user.id)
        : await resources.addLink(id, user.id, parse(CreateLinkBody, req.body))
      const body: ResourceCreated = { resource: created }
      return reply.status(201).send(body)
    })
  })

  /** One file part named `file`, and an optional `title` field before or after it. */
  async function upload(req: FastifyRequest, communityId: string, userId: string) {
    // Before a byte of the body is read: strangers and observers upload nothing.
    await resources.requireContributor(communityId, userId)
    const max = resources.maxUploadBytes
    const declared = Number(req.headers['content-length'])
    // An honest client that says it is sending too much is told so before it sends it.
    if (Number.isFinite(declared) && declared > max + MULTIPART_OVERHEAD_BYTES) throw tooLarge(max)
    let staged: StagedUpload | null = null
    let fileName = ''
    let title: string | undefined
    try {
      const parts = req.parts({
        limits: { fileSize: max, files: 1, fields: 1, parts: 2, fieldSize: 4 * 1024, headerPairs: 20 },
      })
      for await (const part of parts) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') throw invalid('Send the file in a field named "file".')
          fileName = part.filename
          staged = await resources.stage(part.file)
        } else if (part.fieldname === 'title') {
          const text = typeof part.value === 'string' ? part.value.trim() : ''
          if (text !== '') title = parse(ResourceTitleSchema, text)
        } else {
          throw invalid('Send a "file" and, if you like, a "title"; nothing else.')
        }
      }
      if (!staged) throw invalid('Choose a file to upload.')
      const kept = staged
      staged = null
      return await resources.keepFile(communityId, userId, kept, { fileName, title })
    } catch (error) {
      throw uploadError(error, max)
    } finally {
      if (staged) await resources.discard(staged)
    }
  }

  app.get('/api/communities/:id/resources', async (req): Promise<ResourceList> => {
    const { user } = await requireUser(req, auth, config)
    return { resources: await resources.list(community(req.params), user.id) }
  })

  app.get('/api/resources/:id/content', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    const id = resource(req.params)
    const record = await resources.describe(id, user.id)
    // Bytes never change under an id: a cached copy is checked, not fetched again.
    const etag = `"${record.contentHash}"`
    reply.header('cache-control', 'private, no-cache').header('x-content-type-options', 'nosniff')
    if (req.headers['if-none-match'] === etag) return reply.status(304).header('etag', etag).send()
    const content = await resources.content(id, user.id)
    const { name, extension } = content.fileName
    return reply
      .type(content.resource.type ?? 'application/octet-stream')
      .header('etag', etag)
      .header('content-length', String(content.resource.size ?? 0))
      .header(
        'content-disposition',
        contentDisposition(content.inline ? 'inline' : 'attachment', name, extension, 'resource'),
      )
      .header('content-security-policy', contentPolicy(content.resource.type ?? ''))
      .header('cross-origin-resource-policy', 'same-origin')
      .send(content.stream)
  })

  app.delete('/api/resources/:id', async (req, reply) => {
    const { user } = await requireUser(req, auth, config)
    await resources.remove(resource(req.params), user.id)
    return reply.status(204).send()
  })
}

/** The multipart parser's own refusals, in our vocabulary. */
function uploadError(error: unknown, max: number): unknown {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(max)
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return invalid('Send one file and, if you like, a title; nothing else.')
  }
  if (code === 'FST_PROTO_VIOLATION' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return invalid('The upload is not a form this server can read.')
  }
  return error
}

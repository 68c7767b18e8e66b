import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { sendNotFound } from './errors.ts'

const API_PREFIXES = ['/api/', '/api', '/collab']

/**
 * Serves the built web app at `/`, falling back to index.html for client-side routes.
 * Hashed assets are cached for a year; index.html never, so a deploy reaches everyone.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string | null): Promise<void> {
  const indexFile = distDir ? path.join(distDir, 'index.html') : null
  const hasWebApp = indexFile !== null && fs.existsSync(indexFile)
  if (distDir && hasWebApp) {
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: false,
      index: false,
      setHeaders(reply, filePath) {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`)
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    })
  }

  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '/'
    const isApi = API_PREFIXES.some((p) => url === p || url.startsWith(p.endsWith('/') ? p : `${p}/`))
    if (isApi || req.method !== 'GET') return sendNotFound(reply)
    if (!hasWebApp) {
      return reply
        .status(503)
        .type('text/plain')
        .send('The Confer web app is not built. Run `pnpm build` (or `pnpm start`, which builds it).')
    }
    reply.header('cache-control', 'no-cache')
    return reply.sendFile('index.html')
  })
}

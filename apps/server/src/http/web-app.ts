import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { sendNotFound } from './errors.ts'

const API_PREFIXES = ['/api/', '/api', '/collab']

/**
 * A request for a file the build does not have (an asset of an older release, a service worker
 * that is gone): 404, never index.html, which a service worker would otherwise store as that file.
 */
const STATIC_FILE = /\/[^/]+\.(?:js|mjs|css|map|json|webmanifest|png|svg|ico|txt|woff2?|br|gz)$/i

/** The build's brotli and gzip variants (scripts/lib/precompress.ts), sent in place of their file. */
const COMPRESSED_VARIANT = /\.(?:br|gz)$/

/**
 * The service worker, the Workbox runtime it imports and the manifest: at the root (a worker
 * controls only the paths under its own), revalidated on every load so a release reaches the
 * browser's update check at once.
 */
const SERVICE_WORKER_FILE = /^(?:sw\.js|workbox-[\w-]+\.js|manifest\.webmanifest)$/

function cacheControl(sentPath: string): string {
  const filePath = sentPath.replace(COMPRESSED_VARIANT, '')
  if (SERVICE_WORKER_FILE.test(path.basename(filePath))) return 'no-cache'
  const immutable = filePath.includes(`${path.sep}assets${path.sep}`)
  return immutable ? 'public, max-age=31536000, immutable' : 'no-cache'
}

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
      // `x.js.br` / `x.js.gz` beside `x.js` go out as `x.js` by the request's Accept-Encoding
      // (with `Vary: Accept-Encoding`); they have no URL of their own.
      preCompressed: true,
      globIgnore: ['**/*.br', '**/*.gz'],
      setHeaders(reply, filePath) {
        reply.header('cache-control', cacheControl(filePath))
      },
    })
  }

  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '/'
    const isApi = API_PREFIXES.some((p) => url === p || url.startsWith(p.endsWith('/') ? p : `${p}/`))
    if (isApi || req.method !== 'GET' || STATIC_FILE.test(url)) return sendNotFound(reply)
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

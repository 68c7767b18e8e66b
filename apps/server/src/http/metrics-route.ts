import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { FastifyInstance } from 'fastify'
import { Registry } from 'prom-client'
import type { Config } from '../config.ts'
import { processMetrics } from '../metrics/process-metrics.ts'
import type { ServerMetrics } from '../metrics/server-metrics.ts'
import { sendNotFound } from './errors.ts'

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/**
 * A caller on this machine talking to us directly. A reverse proxy on the same machine connects
 * from loopback too, on behalf of anyone: a request it forwarded (it says so in a forwarding
 * header) is not one, whatever TRUST_PROXY says.
 */
function isDirectLoopback(req: IncomingMessage): boolean {
  const { headers } = req
  if (headers['x-forwarded-for'] !== undefined || headers.forwarded !== undefined) return false
  if (headers['x-real-ip'] !== undefined) return false
  return LOOPBACK.has(req.socket.remoteAddress ?? '')
}

const digest = (text: string) => createHash('sha256').update(text).digest()

/** Whether `Authorization: Bearer <token>` carries the token, compared in constant time. */
function bearerMatches(authorization: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer +(\S+)\s*$/i.exec(authorization ?? '')
  // Digests of equal length, so the comparison takes as long whatever the guess.
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expected)
}

/**
 * GET /api/metrics in Prometheus' text format: this server's metrics and the process' (DESIGN §3).
 * For a loopback caller when METRICS_ENABLED, and for any caller with the bearer METRICS_TOKEN.
 * Anyone else gets the 404 an unknown path gets, as when metrics are off: the route is not
 * advertised to the internet, and a Prometheus with a wrong token still shows the 404 on its
 * targets page (and the refusal is logged).
 */
export function registerMetricsRoute(app: FastifyInstance, config: Config, metrics: ServerMetrics): void {
  if (!config.metricsEnabled && config.metricsToken === null) return
  const token = config.metricsToken === null ? null : digest(config.metricsToken)
  const processRegistry = processMetrics()
  app.get('/api/metrics', async (req, reply) => {
    const allowed =
      (token !== null && bearerMatches(req.headers.authorization, token)) ||
      (config.metricsEnabled && isDirectLoopback(req.raw))
    if (!allowed) {
      req.log.info({ withBearer: req.headers.authorization !== undefined }, 'refused a metrics request')
      return sendNotFound(reply)
    }
    // Merged per scrape, so a counter a store registers later is in the next one.
    const registry = Registry.merge([processRegistry, metrics.registry])
    reply.header('content-type', registry.contentType).header('cache-control', 'no-store')
    return registry.metrics()
  })
}

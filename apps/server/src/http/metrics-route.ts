import { monitorEventLoopDelay } from 'node:perf_hooks'
import v8 from 'node:v8'
import type { Hocuspocus } from '@hocuspocus/server'
import type { FastifyInstance } from 'fastify'

/**
 * Process metrics for benchmarks and operators: event-loop delay since the last reset, memory,
 * connections and loaded documents. Off unless METRICS_ENABLED, and then loopback-only.
 */
export function registerMetricsRoute(app: FastifyInstance, hocuspocus: Hocuspocus): void {
  const delay = monitorEventLoopDelay({ resolution: 1 })
  delay.enable()
  app.get('/api/metrics', async (req, reply) => {
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.ip)) {
      return reply.status(404).send({ error: 'not_found', message: 'There is nothing here.' })
    }
    const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100
    const memory = process.memoryUsage()
    const body = {
      eventLoopDelayMs: { max: ms(delay.max), p99: ms(delay.percentile(99)), mean: ms(delay.mean) },
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      heapTotalBytes: memory.heapTotal,
      externalBytes: memory.external,
      /** Committed bytes per V8 heap space: which generation holds the heap's size. */
      heapSpaceBytes: Object.fromEntries(
        v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.space_size]),
      ),
      connections: hocuspocus.getConnectionsCount(),
      documents: hocuspocus.getDocumentsCount(),
    }
    if ((req.query as { reset?: string }).reset === '1') delay.reset()
    return body
  })
}

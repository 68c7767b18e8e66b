import type { Hocuspocus } from '@hocuspocus/server'
import Fastify, { type FastifyInstance } from 'fastify'
import { attachCollabUpgrade } from './collab/collab-upgrade.ts'
import { createHocuspocus } from './collab/create-hocuspocus.ts'
import { HocuspocusDocumentEditor } from './collab/hocuspocus-document-editor.ts'
import { SendGate } from './collab/send-gate.ts'
import { drainDocuments } from './collab/shutdown.ts'
import { type CommitScheduler, UpdateLog } from './collab/update-log.ts'
import type { Config } from './config.ts'
import { registerErrorHandling } from './http/errors.ts'
import { registerMetricsRoute } from './http/metrics-route.ts'
import { authLimiters, calendarFeedLimiter } from './http/rate-limit.ts'
import { echoRequestId, requestId } from './http/request-id.ts'
import { OneLinePerRequest } from './http/request-log.ts'
import { registerApiRoutes } from './http/routes/index.ts'
import { registerSecurityHeaders } from './http/security-headers.ts'
import { registerSystemRoutes } from './http/system-routes.ts'
import { registerWebApp } from './http/web-app.ts'
import { Readiness } from './metrics/readiness.ts'
import { ServerMetrics } from './metrics/server-metrics.ts'
import { linkProcesses } from './scale-out/link-processes.ts'
import { RedisLock } from './scale-out/redis-lock.ts'
import { createServices, type Services } from './services/index.ts'
import { LocalLock, type MeetingLock } from './services/meeting-lock.ts'
import type { DocumentStore } from './stores/document-store.ts'
import { openStores } from './stores/open-stores.ts'

export interface ConferServer {
  app: FastifyInstance
  hocuspocus: Hocuspocus
  services: Services
  metrics: ServerMetrics
  /** What /api/ready asks; a store or link added later adds its check. */
  readiness: Readiness
  /** Starts listening; resolves with the address, e.g. http://127.0.0.1:3000. */
  listen(): Promise<string>
  /** Stops accepting, closes connections, flushes stores. Safe to call twice. */
  close(): Promise<void>
}

const DRAIN_DEADLINE_MS = 5_000

/** Replaceable parts, for tests that need a store to fail the way a real disk can. */
export interface ServerOverrides {
  documents?: DocumentStore
  /** When the update log commits; a test holds it to watch what happens before the commit. */
  scheduleCommit?: CommitScheduler
  /** Where log lines go instead of stdout, for tests that read them. */
  logStream?: { write(line: string): void }
}

/** Wires one process: Fastify (REST + static) and Hocuspocus on one port, over the stores. */
export async function createServer(config: Config, overrides: ServerOverrides = {}): Promise<ConferServer> {
  const app = Fastify({
    logger: { level: config.logLevel, ...(overrides.logStream ? { stream: overrides.logStream } : {}) },
    bodyLimit: 1024 * 1024,
    forceCloseConnections: true,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => requestId(req.headers, config.trustProxy),
    logController: new OneLinePerRequest(),
  })
  const metrics = new ServerMetrics()
  const database = await openStores({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    onPostgresError: (error) => {
      metrics.postgresErrors.inc()
      app.log.error({ err: error }, 'PostgreSQL connection failed')
    },
  })
  // Services edit documents through Hocuspocus, and Hocuspocus' extensions use the services.
  let hocuspocus: Hocuspocus | null = null
  let updateLog: UpdateLog | null = null
  const editor = new HocuspocusDocumentEditor(
    () => {
      if (!hocuspocus) throw new Error('the collaboration engine is not ready')
      return hocuspocus
    },
    () => updateLog?.committed() ?? Promise.resolve(),
    // Only other processes commit what this one's live documents may not hold yet.
    config.redisUrl ? (name) => services.documents.load(name) : null,
  )
  // Facilitation actions on one meeting apply one at a time: across processes once they are
  // linked (below, after the services whose events they relay).
  let runLock: MeetingLock = new LocalLock()
  const services = createServices(database.stores, editor, {
    ...overrides,
    runLock: { runExclusive: (key, work) => runLock.runExclusive(key, work) },
    maxUploadBytes: config.maxUploadBytes,
  })
  const gate = new SendGate(config.limits.bufferedBytesPerSocket)
  updateLog = new UpdateLog(services.documents, gate, app.log, overrides.scheduleCommit)
  updateLog.observeCommits(metrics)
  const readiness = new Readiness()
  readiness.add({ name: 'database', check: () => database.ping() })
  // Several processes on one PostgreSQL: documents, domain events and rate limits go through Redis.
  const processes = config.redisUrl
    ? linkProcesses({
        url: config.redisUrl,
        prefix: config.redisPrefix,
        events: services.events,
        onError: () => metrics.redisErrors.inc(),
        logger: app.log,
      })
    : null
  if (processes) readiness.add({ name: 'redis', check: () => processes.link.ping() })
  if (processes) runLock = new RedisLock(processes.link)
  const redis = processes?.link ?? null
  const engine = createHocuspocus({ config, services, logger: app.log, updateLog, redis })
  hocuspocus = engine

  registerErrorHandling(app)
  echoRequestId(app)
  await registerSecurityHeaders(app, config)
  registerSystemRoutes(app, readiness)
  registerApiRoutes(app, {
    config,
    services,
    ...authLimiters(config, redis),
    calendarFeedLimiter: calendarFeedLimiter(config, redis),
  })
  const collab = attachCollabUpgrade(app.server, engine, gate, config, app.log)
  app.addHook('preClose', (done) => {
    collab.close()
    done()
  })
  metrics.watch({ connections: () => collab.connections(), documents: () => engine.getDocumentsCount() })
  registerMetricsRoute(app, config, metrics)
  await registerWebApp(app, config.webDistDir)
  await processes?.ready()
  // Documents stored before search existed (or copied from SQLite) are indexed in the background.
  services.search.start(app.log)

  app.addHook('onClose', async () => {
    const drained = await drainDocuments(engine, DRAIN_DEADLINE_MS)
    if (!drained) app.log.warn('shutdown deadline passed with documents still loaded')
    await updateLog?.commit()
    // The index writes the last stores asked for, before the database closes under them.
    await services.search.close()
    await processes?.close()
    await services.documents.close()
    await database.close()
  })

  let closing: Promise<void> | null = null
  return {
    app,
    hocuspocus: engine,
    services,
    metrics,
    readiness,
    async listen() {
      await app.listen({ port: config.port, host: config.host })
      const address = app.server.address()
      const port = typeof address === 'object' && address ? address.port : config.port
      const host = config.host.includes(':') ? `[${config.host}]` : config.host
      return `http://${host}:${port}`
    },
    close() {
      closing ??= app.close()
      return closing
    },
  }
}

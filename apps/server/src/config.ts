import path from 'node:path'
import { DEFAULT_MAX_UPLOAD_BYTES } from '@confer/api'
import { DEFAULT_LIMITS, DEFAULT_MAX_MESSAGE_BYTES, type Limits } from '@confer/model'
import { z } from 'zod'

/** Server configuration, read once from the environment (DESIGN §3 "Running"). */
export interface Config {
  port: number
  host: string
  dataDir: string
  /** The browser Origin allowed to open /collab; defaults to the server's own address. */
  publicOrigin: string | null
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** Largest incoming WebSocket frame; a larger one closes that socket with 1009. */
  maxMessageBytes: number
  /** Quiet time after the last edit before a document's update log is compacted. */
  compactionDebounceMs: number
  /** Longest a busy document's log grows before it is compacted anyway. */
  compactionMaxDebounceMs: number
  /** PostgreSQL (a postgres:// URL) shared by every process given it; null keeps to SQLite in dataDir. */
  databaseUrl: string | null
  /** Redis linking the processes that share `databaseUrl` (documents, events, rate limits); null runs alone. */
  redisUrl: string | null
  /** Put before every Redis key and channel, so several deployments can share one Redis. */
  redisPrefix: string
  /** Where the built web app lives; null serves no web app (API and WebSocket only). */
  webDistDir: string | null
  /** Sign-up and log-in attempts allowed per client address per minute. */
  authRateLimit: number
  /** Failed log-ins allowed per account (email) per 15 minutes, from any address (SPEC W3). */
  authAccountRateLimit: number
  /** Calendar feed requests (GET /api/communities/:id/calendar.ics) allowed per client address per minute. */
  calendarFeedRateLimit: number
  /** Largest file POST /api/communities/:id/resources accepts; a larger one answers 413 `too_large`. */
  maxUploadBytes: number
  /** Behind a reverse proxy: take the client address and protocol from X-Forwarded-* headers. */
  trustProxy: boolean
  /** Shortest time between two versions taken during continuous editing of one document. */
  versionIntervalMs: number
  /** Serve GET /api/metrics to loopback callers (benchmarks, local monitoring). */
  metricsEnabled: boolean
  /** Serve GET /api/metrics to any caller presenting it as `Authorization: Bearer` (a Prometheus elsewhere). */
  metricsToken: string | null
  /** What one socket, address, account and document may cost (packages/model limits.ts). */
  limits: Limits
  /** A socket that sends nothing, not even a pong to our ping, for this long is dropped (half-open links). */
  socketIdleTimeoutMs: number
  /** Open GET /api/events streams per account on one process; one more answers 429. */
  maxEventStreamsPerUser: number
  /** How often an idle event stream gets a comment, so proxies and browsers keep it open. */
  eventHeartbeatMs: number
}

const port = z.coerce.number().int().min(0).max(65535)
const positiveInt = z.coerce.number().int().positive()

const EnvSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_ORIGIN: z.url().optional(),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  REDIS_PREFIX: z.string().min(1).max(100).default('confer:'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_MESSAGE_BYTES: positiveInt.default(DEFAULT_MAX_MESSAGE_BYTES),
  COMPACTION_DEBOUNCE_MS: positiveInt.default(5_000),
  COMPACTION_MAX_DEBOUNCE_MS: positiveInt.default(30_000),
  WEB_DIST_DIR: z.string().optional(),
  // Generous per address, so 30 teachers behind one school NAT can all log in at 8:00;
  // guessing one account is stopped by the per-account limit instead.
  AUTH_RATE_LIMIT: positiveInt.default(60),
  AUTH_ACCOUNT_RATE_LIMIT: positiveInt.default(10),
  // A calendar app asks about once an hour per feed; a school's NAT or a calendar service's
  // fetchers carry many feeds from one address. Keys are unguessable: this bounds the work.
  CALENDAR_FEED_RATE_LIMIT: positiveInt.default(120),
  MAX_UPLOAD_BYTES: positiveInt.default(DEFAULT_MAX_UPLOAD_BYTES),
  TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false'),
  VERSION_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(5 * 60_000),
  METRICS_ENABLED: z.enum(['true', 'false', '1', '0']).default('false'),
  // Long enough that guessing it over the network is hopeless.
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  MAX_CONNECTIONS_PER_ADDRESS: positiveInt.default(DEFAULT_LIMITS.connectionsPerAddress),
  MAX_CONNECTIONS_PER_USER: positiveInt.default(DEFAULT_LIMITS.connectionsPerUser),
  MAX_DOCUMENTS_PER_SOCKET: positiveInt.default(DEFAULT_LIMITS.documentsPerSocket),
  PREAUTH_MAX_BYTES: positiveInt.default(DEFAULT_LIMITS.preAuthBytes),
  PREAUTH_TIMEOUT_MS: positiveInt.default(DEFAULT_LIMITS.preAuthTimeoutMs),
  MAX_BUFFERED_BYTES: positiveInt.default(DEFAULT_LIMITS.bufferedBytesPerSocket),
  MAX_MESSAGES_PER_SECOND: positiveInt.default(DEFAULT_LIMITS.messagesPerSecond),
  MESSAGE_BURST: positiveInt.default(DEFAULT_LIMITS.messageBurst),
  MAX_UPDATE_BYTES: positiveInt.default(DEFAULT_LIMITS.updateBytes),
  MAX_UPDATE_ENTRIES: positiveInt.default(DEFAULT_LIMITS.updateEntries),
  MAX_DOCUMENT_BYTES: positiveInt.default(DEFAULT_LIMITS.documentBytes),
  MAX_XML_DEPTH: positiveInt.default(DEFAULT_LIMITS.xmlDepth),
  // Presence of a cut-off client must go within 30 s: dropped 20–25 s after its last byte.
  SOCKET_IDLE_TIMEOUT_MS: positiveInt.default(15_000),
  // One stream per browser tab: 16 tabs of one person is plenty.
  MAX_EVENT_STREAMS_PER_USER: positiveInt.default(16),
  // Under the 30 s many proxies close an idle response at, and nginx's default 60 s.
  EVENT_HEARTBEAT_MS: positiveInt.default(25_000),
})

export class ConfigError extends Error {}

const defaultWebDist = path.resolve(import.meta.dirname, '../../web/dist')

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new ConfigError(`Invalid configuration: ${problems}`)
  }
  const e = parsed.data
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      'REDIS_URL requires DATABASE_URL: processes sharing documents must share one PostgreSQL store',
    )
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    publicOrigin: e.PUBLIC_ORIGIN ? new URL(e.PUBLIC_ORIGIN).origin : null,
    logLevel: e.LOG_LEVEL,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    compactionDebounceMs: e.COMPACTION_DEBOUNCE_MS,
    compactionMaxDebounceMs: Math.max(e.COMPACTION_MAX_DEBOUNCE_MS, e.COMPACTION_DEBOUNCE_MS),
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.REDIS_PREFIX,
    webDistDir: e.WEB_DIST_DIR === '' ? null : path.resolve(e.WEB_DIST_DIR ?? defaultWebDist),
    authRateLimit: e.AUTH_RATE_LIMIT,
    authAccountRateLimit: e.AUTH_ACCOUNT_RATE_LIMIT,
    calendarFeedRateLimit: e.CALENDAR_FEED_RATE_LIMIT,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    trustProxy: e.TRUST_PROXY === 'true' || e.TRUST_PROXY === '1',
    versionIntervalMs: e.VERSION_INTERVAL_MS,
    metricsEnabled: e.METRICS_ENABLED === 'true' || e.METRICS_ENABLED === '1',
    metricsToken: e.METRICS_TOKEN ?? null,
    limits: {
      connectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS,
      connectionsPerUser: e.MAX_CONNECTIONS_PER_USER,
      documentsPerSocket: e.MAX_DOCUMENTS_PER_SOCKET,
      preAuthBytes: e.PREAUTH_MAX_BYTES,
      preAuthTimeoutMs: e.PREAUTH_TIMEOUT_MS,
      bufferedBytesPerSocket: e.MAX_BUFFERED_BYTES,
      messagesPerSecond: e.MAX_MESSAGES_PER_SECOND,
      messageBurst: e.MESSAGE_BURST,
      updateBytes: e.MAX_UPDATE_BYTES,
      updateEntries: e.MAX_UPDATE_ENTRIES,
      documentBytes: e.MAX_DOCUMENT_BYTES,
      xmlDepth: e.MAX_XML_DEPTH,
    },
    socketIdleTimeoutMs: e.SOCKET_IDLE_TIMEOUT_MS,
    maxEventStreamsPerUser: e.MAX_EVENT_STREAMS_PER_USER,
    eventHeartbeatMs: e.EVENT_HEARTBEAT_MS,
  }
}

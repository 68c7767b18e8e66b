/**
 * The set-up the scale-out tests share (scale-out, scale-out-events): two server instances in this
 * process on one fresh PostgreSQL database and one Redis, and clients and raw sockets on either,
 * closed after each test. Importing it registers the hooks in the importing file.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import type WebSocket from 'ws'
import { connectClient, type TestClient } from '../../../test/support/collab-clients.ts'
import {
  type FreshDatabase,
  type FreshRedis,
  freshDatabase,
  freshRedis,
} from '../../../test/support/services/fresh.ts'
import { authenticateRaw, openRawSocket } from './raw-socket.ts'
import { type RunningServer, startServer } from './test-server.ts'

export let database: FreshDatabase
let redis: FreshRedis
/** The two processes every test shares; a test needing another kind starts its own. */
export let a: RunningServer
export let b: RunningServer
const clients: TestClient[] = []
const sockets: WebSocket[] = []
export const extraServers: RunningServer[] = []

export function linked(env: Record<string, string> = {}, overrides = {}): Promise<RunningServer> {
  return startServer({
    env: { DATABASE_URL: database.url, REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix, ...env },
    overrides,
  })
}

beforeAll(async () => {
  database = await freshDatabase()
  redis = freshRedis()
  // A low per-account limit, so the shared-limit test needs few (slow, scrypt) log-ins.
  a = await linked({ AUTH_ACCOUNT_RATE_LIMIT: '4' })
  b = await linked({ AUTH_ACCOUNT_RATE_LIMIT: '4' })
})
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of sockets.splice(0)) s.close()
  for (const s of extraServers.splice(0)) await s.close()
})
afterAll(async () => {
  await a?.close()
  await b?.close()
  await redis?.clear()
  await database?.drop()
})

export function client(server: RunningServer, name: string, token: string): TestClient {
  const c = connectClient(server.wsUrl, name, token)
  clients.push(c)
  return c
}

export async function rawSocket(server: RunningServer, name: string, token: string): Promise<WebSocket> {
  const socket = await openRawSocket(server.wsUrl)
  sockets.push(socket)
  expect(await authenticateRaw(socket, name, token)).toMatchObject({ ok: true })
  return socket
}

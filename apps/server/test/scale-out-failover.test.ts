/**
 * Two real server processes on one PostgreSQL database and one Redis; one of them is killed with
 * kill -9, and its clients come back through the "load balancer" (a loopback TCP proxy, turned
 * to the survivor) to the other.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { meetingFixture } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { paragraphs, typeParagraph } from '../../../test/support/notes.ts'
import { type ServerProcess, spawnServer } from '../../../test/support/server-process.ts'
import {
  type FreshDatabase,
  type FreshRedis,
  freshDatabase,
  freshRedis,
} from '../../../test/support/services/fresh.ts'
import { TcpProxy } from '../../../test/support/tcp-proxy.ts'

let database: FreshDatabase
let redis: FreshRedis
const processes: ServerProcess[] = []
const clients: TestClient[] = []
const proxies: TcpProxy[] = []

beforeAll(async () => {
  database = await freshDatabase()
  redis = freshRedis()
})
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const p of proxies.splice(0)) await p.close()
  for (const p of processes.splice(0)) p.child.kill('SIGKILL')
})
afterAll(async () => {
  await redis?.clear()
  await database?.drop()
})

async function spawnLinked(): Promise<ServerProcess> {
  const server = await spawnServer({
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: redis.prefix,
  })
  processes.push(server)
  return server
}

function client(wsUrl: string, name: string, token: string): TestClient {
  const c = connectClient(wsUrl, name, token)
  clients.push(c)
  return c
}

describe('failover between processes', () => {
  it('[R5][D2] kill -9 of one process: its clients move to the other and nothing acknowledged is lost', async () => {
    const [doomed, survivor] = await Promise.all([spawnLinked(), spawnLinked()])
    // The load balancer: the doomed process' clients reach it through the proxy.
    const balancer = await TcpProxy.start(Number(new URL(doomed.url).port))
    proxies.push(balancer)
    const { owner, meetingId } = await meetingFixture(survivor.url)
    const name = `meeting/${meetingId}`
    const movers = [0, 1, 2].map(() => client(balancer.through(doomed.wsUrl), name, owner.token))
    const stayers = [0, 1].map(() => client(survivor.wsUrl, name, owner.token))
    const everyone = [...movers, ...stayers]
    await Promise.all(everyone.map((c) => waitForSynced(c)))

    // Acknowledged on both processes before the kill.
    everyone.forEach((c, i) => {
      for (let n = 0; n < 10; n++) typeParagraph(c.doc, `before ${i}.${n}`)
    })
    await Promise.all(everyone.map((c) => waitForAcknowledged(c)))
    const [first] = movers
    if (!first) throw new Error('no clients')
    const acknowledged = paragraphs(first.doc)
    expect(acknowledged).toHaveLength(50)

    // Still typing on the doomed process when it dies: whatever it acknowledged must survive,
    // and whatever it did not stays with its client, which sends it again.
    movers.forEach((c, i) => {
      for (let n = 0; n < 10; n++) typeParagraph(c.doc, `during ${i}.${n}`)
    })
    balancer.upstreamPort = Number(new URL(survivor.url).port)
    doomed.child.kill('SIGKILL')
    expect(await doomed.exited).toMatchObject({ signal: 'SIGKILL' })

    await Promise.all(everyone.map((c) => waitForAcknowledged(c, 15_000)))
    movers.forEach((c, i) => {
      typeParagraph(c.doc, `after ${i}`)
    })
    await Promise.all(movers.map((c) => waitForAcknowledged(c)))
    const everything = (doc: Parameters<typeof paragraphs>[0]) => paragraphs(doc).length === 83
    for (const c of everyone) await waitForDoc(c, everything, 'every client to hold every edit')

    // A newcomer on the survivor finds it all: what was acknowledged before, during and after.
    const newcomer = client(survivor.wsUrl, name, owner.token)
    await waitForSynced(newcomer)
    const seen = paragraphs(newcomer.doc)
    expect(seen).toEqual(expect.arrayContaining(acknowledged))
    expect(seen.sort()).toEqual(paragraphs(first.doc).sort())
    expect(seen).toHaveLength(83)
  })
})

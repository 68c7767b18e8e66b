import { afterEach, describe, expect, it } from 'vitest'
import { meetingFixture } from '../support/api-client.ts'
import { connectClient, type TestClient, waitForSynced } from '../support/collab-clients.ts'
import { paragraphs } from '../support/notes.ts'
import { type ServerProcess, spawnServer } from '../support/server-process.ts'
import { type ProxyMode, TcpProxy } from '../support/tcp-proxy.ts'
import { until } from '../support/wait.ts'
import {
  dataDir,
  expectAcknowledgedKept,
  expectConverged,
  startTyping,
  type Typist,
  typeSome,
} from './typists.ts'

/**
 * The kill and partition loops for minutes, behind a flag: `CONFER_SOAK=1` (and optionally
 * `CONFER_SOAK_MINUTES`, default 5). Each round, four typists behind a proxy type while the
 * server is killed with SIGKILL and restarted, or their link is paused, blackholed or reset and
 * healed; after each round a fresh reader checks that every acknowledged paragraph is there
 * exactly once, and everyone converges.
 */
const SOAK = process.env.CONFER_SOAK === '1'
const MINUTES = Number(process.env.CONFER_SOAK_MINUTES ?? 5)
const FAULTS: readonly (ProxyMode | 'kill -9')[] = ['kill -9', 'pause', 'blackhole', 'reset']

const clients: TestClient[] = []
const processes: ServerProcess[] = []
const proxies: TcpProxy[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const p of processes.splice(0)) p.child.kill('SIGKILL')
  for (const p of proxies.splice(0)) await p.close()
})

const portOf = (p: ServerProcess): number => Number(new URL(p.url).port)

describe.skipIf(!SOAK)('soak', () => {
  it(
    `[D2][D5] kill -9 and partitions for ${MINUTES} minutes: nothing acknowledged lost, everyone converges`,
    async () => {
      const dir = dataDir()
      // Short idle timeout: a blackholed socket is dropped in seconds, as in partitions.test.ts.
      const env = { DATA_DIR: dir, SOCKET_IDLE_TIMEOUT_MS: '2000' }
      let server = await spawnServer(env)
      processes.push(server)
      const { owner, meetingId } = await meetingFixture(server.url)
      const name = `meeting/${meetingId}`
      const proxy = await TcpProxy.start(portOf(server))
      proxies.push(proxy)
      const tabs = Array.from({ length: 4 }, () => {
        const c = connectClient(proxy.through(server.wsUrl), name, owner.token)
        clients.push(c)
        return c
      })
      await Promise.all(tabs.map((tab) => waitForSynced(tab)))

      const deadline = Date.now() + MINUTES * 60_000
      const everyone: Typist[] = []
      for (let round = 0; Date.now() < deadline; round++) {
        const fault = FAULTS[round % FAULTS.length] ?? 'kill -9'
        const typists = await Promise.all(tabs.map((tab) => startTyping(tab)))
        everyone.push(...typists)
        const typing = Promise.all(typists.map((t, i) => typeSome(t, `round ${round} typist ${i}`, 30, 10)))
        await until(
          () => typists.some((t) => t.acknowledged().length >= 5),
          (recheck) => {
            for (const t of typists) t.client.provider.on('unsyncedChanges', recheck)
            return () => {
              for (const t of typists) t.client.provider.off('unsyncedChanges', recheck)
            }
          },
          'some paragraphs to be acknowledged',
        )
        if (fault === 'kill -9') {
          server.child.kill('SIGKILL')
          proxy.setMode('reset')
          await server.exited
          await typing
          server = await spawnServer(env)
          processes.push(server)
          const reader = connectClient(server.wsUrl, name, owner.token)
          clients.push(reader)
          await waitForSynced(reader)
          expectAcknowledgedKept(paragraphs(reader.doc), everyone)
          reader.destroy()
          proxy.upstreamPort = portOf(server)
        } else {
          const droppedBefore = proxy.serverClosed
          proxy.setMode(fault)
          await typing
          if (fault === 'blackhole') {
            await until(
              () => proxy.serverClosed >= droppedBefore + tabs.length,
              (recheck) => {
                proxy.on('change', recheck)
                return () => proxy.off('change', recheck)
              },
              'the server to drop the blackholed sockets',
              15_000,
            )
          }
        }
        proxy.setMode('pass')
        await expectConverged(everyone, 60_000)
      }
      expect(everyone.length).toBeGreaterThan(0)
    },
    (MINUTES + 5) * 60_000,
  )
})

import { CloseCode } from '@confer/model'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../apps/server/test/test-server.ts'
import { join, meetingFixture, type Person, signUp } from '../support/api-client.ts'
import { connectClient, type TestClient, waitForAwareness, waitForSynced } from '../support/collab-clients.ts'
import { type ProxyMode, TcpProxy } from '../support/tcp-proxy.ts'
import { until } from '../support/wait.ts'
import { expectConverged, startTyping, typeSome } from './typists.ts'

/** Short, so a half-open socket is dropped within ~2.5 s instead of the default 20–25 s. */
const IDLE_TIMEOUT_MS = 2_000

let server: RunningServer
let proxy: TcpProxy
let alice: Person
let bob: Person
let name: string
const clients: TestClient[] = []

beforeEach(async () => {
  server = await startServer({ env: { SOCKET_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS) } })
  proxy = await TcpProxy.start(Number(new URL(server.url).port))
  const fixture = await meetingFixture(server.url)
  alice = fixture.owner
  bob = await signUp(server.url, 'Bob')
  await join(alice, fixture.communityId, bob)
  name = `meeting/${fixture.meetingId}`
})

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await proxy.close()
  await server.close()
})

function client(wsUrl: string, person: Person): TestClient {
  const c = connectClient(wsUrl, name, person.token)
  clients.push(c)
  return c
}

/** Alice on a good link, Bob behind the proxy. */
async function aliceAndBob(): Promise<{ direct: TestClient; behind: TestClient }> {
  const direct = client(server.wsUrl, alice)
  const behind = client(proxy.through(server.wsUrl), bob)
  await Promise.all([waitForSynced(direct), waitForSynced(behind)])
  // As the web app does once the editor is up: this is what the others' presence shows.
  direct.provider.awareness?.setLocalState({ user: { name: 'Alice', color: '#aa3355' } })
  behind.provider.awareness?.setLocalState({ user: { name: 'Bob', color: '#3355aa' } })
  return { direct, behind }
}

function whenServerHungUp(): Promise<void> {
  return until(
    () => proxy.serverClosed > 0,
    (recheck) => {
      proxy.on('change', recheck)
      return () => proxy.off('change', recheck)
    },
    'the server to hang up on the socket behind the proxy',
  )
}

describe('[A7] a half-open client leaves the others’ presence', () => {
  it('is dropped by the server after SOCKET_IDLE_TIMEOUT_MS, though its link never closes', async () => {
    const { direct, behind } = await aliceAndBob()
    const awareness = direct.provider.awareness
    if (!awareness) throw new Error('no awareness')
    const bobId = behind.doc.clientID
    await waitForAwareness(direct, () => awareness.getStates().has(bobId), 'Alice to see Bob')
    const aliceCloses: number[] = []
    direct.provider.on('close', ({ event }: { event: { code: number } }) => aliceCloses.push(event.code))

    proxy.setMode('blackhole')
    const cutAt = Date.now()
    await waitForAwareness(direct, () => !awareness.getStates().has(bobId), 'Bob to leave Alice’s presence')
    const gone = Date.now() - cutAt

    // Well before y-protocols' own 30 s timeout: the server dropped the socket (it hung up on
    // the proxy), while Bob's end of the link is still open, as a cut link leaves it.
    expect(gone).toBeLessThan(IDLE_TIMEOUT_MS * 2)
    expect(proxy.serverClosed).toBe(1)
    expect(proxy.connections).toBe(1)
    // Alice, quiet but answering the server's pings, was never dropped.
    expect(aliceCloses).toEqual([])
  })
})

describe('clients behind a faulty link converge with the others once it heals', () => {
  it.each<ProxyMode>(['pause', 'blackhole', 'reset'])('[D5] %s', async (mode) => {
    const { direct, behind } = await aliceAndBob()
    const [a, b] = await Promise.all([startTyping(direct), startTyping(behind)])
    const refusals: number[] = []
    for (const c of [direct, behind]) {
      c.provider.on('close', ({ event }: { event: { code: number } }) => {
        if (event.code === CloseCode.payloadTooLarge || event.code === CloseCode.updateRejected)
          refusals.push(event.code)
      })
    }
    await Promise.all([typeSome(a, 'alice before', 5, 5), typeSome(b, 'bob before', 5, 5)])

    proxy.setMode(mode)
    await Promise.all([typeSome(a, 'alice during', 10, 10), typeSome(b, 'bob during', 10, 10)])
    // A blackholed socket is healed only once the server gave up on it, as a real one would be.
    if (mode === 'blackhole') await whenServerHungUp()
    proxy.setMode('pass')
    await Promise.all([typeSome(a, 'alice after', 5, 5), typeSome(b, 'bob after', 5, 5)])

    await expectConverged([a, b])
    // Typing while the link comes back is no attack: none of it may be refused (SPEC H1).
    expect(refusals).toEqual([])
  })
})

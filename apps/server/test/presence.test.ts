import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  outdatedTimeout,
} from 'y-protocols/awareness'
import * as Y from 'yjs'
import { join, meetingFixture, type Person, signUp } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAwareness,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { TcpProxy } from '../../../test/support/tcp-proxy.ts'
import { loadConfig } from '../src/index.ts'
import { type RunningServer, startServer } from './test-server.ts'

/** Short, so a half-open socket goes within ~1.25 s here; the default's bound has its own test. */
const IDLE_TIMEOUT_MS = 1_000
/** The heartbeat terminates a silent socket at most a quarter of its timeout late. */
const HEARTBEAT_BOUND_MS = IDLE_TIMEOUT_MS * 1.25

let server: RunningServer
let proxy: TcpProxy
let ada: Person
let bea: Person
let name: string
const clients: TestClient[] = []

beforeAll(async () => {
  server = await startServer({ env: { SOCKET_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS) } })
  const fixture = await meetingFixture(server.url)
  ada = fixture.owner
  bea = await signUp(server.url, 'Bea')
  await join(ada, fixture.communityId, bea)
  name = `meeting/${fixture.meetingId}`
})

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await proxy?.close()
})

afterAll(() => server.close())

/** A present person, as the web app publishes them, on a direct link or behind a proxy. */
async function present(person: Person, wsUrl = server.wsUrl): Promise<TestClient> {
  const c = connectClient(wsUrl, name, person.token)
  clients.push(c)
  await waitForSynced(c)
  c.provider.setAwarenessField('user', { id: 'ignored', name: 'ignored', color: '#336699' })
  return c
}

const sees = (watcher: TestClient, other: TestClient) =>
  watcher.provider.awareness?.getStates().has(other.doc.clientID) === true

/** Resolves with how long after `since` the watcher stopped seeing `other`. */
async function goneAfter(
  watcher: TestClient,
  other: TestClient,
  since: number,
  timeoutMs: number,
): Promise<number> {
  await waitForAwareness(watcher, () => !sees(watcher, other), 'the client that left to leave the presence')
  const elapsed = Date.now() - since
  expect(elapsed).toBeLessThan(timeoutMs)
  return elapsed
}

async function watcherAndLeaver(): Promise<{ watcher: TestClient; leaver: TestClient }> {
  proxy = await TcpProxy.start(Number(new URL(server.url).port))
  const watcher = await present(ada)
  const leaver = await present(bea, proxy.through(server.wsUrl))
  await waitForAwareness(watcher, () => sees(watcher, leaver), 'the watcher to see the other client')
  return { watcher, leaver }
}

describe('[P2] a client that leaves leaves everyone’s presence (one process)', () => {
  it('P2: a clean close removes it from the others at once', async () => {
    const { watcher, leaver } = await watcherAndLeaver()
    const at = Date.now()
    leaver.destroy()
    await goneAfter(watcher, leaver, at, 1_000)
  })

  it('P2: a socket reset without a close frame removes it from the others at once', async () => {
    const { watcher, leaver } = await watcherAndLeaver()
    const at = Date.now()
    proxy.setMode('reset')
    await goneAfter(watcher, leaver, at, 1_000)
  })

  it('P2: a half-open socket (no close, no answer) is removed within the heartbeat bound', async () => {
    const { watcher, leaver } = await watcherAndLeaver()
    const watcherCloses: number[] = []
    watcher.provider.on('close', ({ event }: { event: { code: number } }) => watcherCloses.push(event.code))
    const at = Date.now()
    proxy.setMode('blackhole')
    // y-protocols alone would take 30 s; the server hangs up on the silent socket instead.
    await goneAfter(watcher, leaver, at, HEARTBEAT_BOUND_MS + 1_000)
    expect(proxy.serverClosed).toBe(1)
    // The watcher, quiet but answering pings, was never dropped.
    expect(watcherCloses).toEqual([])
  })

  it('P2: by default a silent socket is dropped within 30 s of its last word', () => {
    const { socketIdleTimeoutMs } = loadConfig({ DATA_DIR: server.dataDir })
    // Terminated at most a quarter of the timeout after it is due (socket-heartbeat.ts).
    expect(socketIdleTimeoutMs * 1.25).toBeLessThanOrEqual(30_000)
  })
})

describe('[P2] the provider drops a remote state nobody renewed', () => {
  it('P2: a state not renewed for 30 s goes, though its socket never closed', async () => {
    const watcher = await present(ada)
    const awareness = watcher.provider.awareness
    if (!awareness) throw new Error('no awareness')
    // A client the watcher heard once, long enough ago (as if its renewals stopped arriving).
    const silentDoc = new Y.Doc()
    const silent = new Awareness(silentDoc)
    silent.setLocalState({ user: { name: 'Silent', color: '#112233' } })
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(silent, [silent.clientID]), 'test')
    silentDoc.destroy()
    const meta = awareness.meta.get(silent.clientID)
    if (!meta) throw new Error('the watcher did not take the state')
    meta.lastUpdated = Date.now() - outdatedTimeout - 1
    const at = Date.now()
    await waitForAwareness(
      watcher,
      () => !awareness.getStates().has(silent.clientID),
      'the stale state to go',
    )
    // The provider's awareness checks every tenth of the timeout.
    expect(Date.now() - at).toBeLessThanOrEqual(outdatedTimeout / 10 + 500)
  })
})

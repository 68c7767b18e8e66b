import { CloseCode } from '@confer/model'
import { afterEach, describe, expect, it } from 'vitest'
import { meetingFixture, type Person } from '../support/api-client.ts'
import { connectClient, type TestClient, waitForSynced } from '../support/collab-clients.ts'
import { paragraphs } from '../support/notes.ts'
import { type ServerProcess, spawnServer } from '../support/server-process.ts'
import { TcpProxy } from '../support/tcp-proxy.ts'
import {
  dataDir,
  expectAcknowledgedKept,
  expectConverged,
  startTyping,
  type Typist,
  typeSome,
} from './typists.ts'

const TYPISTS = 4
const ITEMS_EACH = 50
/** Acknowledged paragraphs (all typists together) at which SIGTERM is sent. */
const STOP_AT = 40

const clients: TestClient[] = []
const processes: ServerProcess[] = []
const proxies: TcpProxy[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const p of processes.splice(0)) p.child.kill('SIGKILL')
  for (const p of proxies.splice(0)) await p.close()
})

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const p = await spawnServer(env)
  processes.push(p)
  return p
}

function client(wsUrl: string, name: string, person: Person): TestClient {
  const c = connectClient(wsUrl, name, person.token)
  clients.push(c)
  return c
}

describe('[D4] graceful restart while people type', () => {
  it('exits 0 within 10 s, keeps every acknowledged paragraph, and the typists reconnect and converge', async () => {
    const dir = dataDir()
    const server = await start({ DATA_DIR: dir })
    const port = new URL(server.url).port
    const { owner, meetingId } = await meetingFixture(server.url)
    const name = `meeting/${meetingId}`
    // Through a proxy only so the test can hold the typists' reconnects back until a fresh
    // reader has seen what the store kept; the proxy passes their old connections untouched.
    const proxy = await TcpProxy.start(Number(port))
    proxies.push(proxy)
    const tabs = Array.from({ length: TYPISTS }, () => client(proxy.through(server.wsUrl), name, owner))
    await Promise.all(tabs.map((tab) => waitForSynced(tab)))
    const typists: Typist[] = await Promise.all(tabs.map((tab) => startTyping(tab)))
    // The first close each provider saw: its reconnects while the server is down close 1006 after it.
    const closeCodes: (number | undefined)[] = tabs.map(() => undefined)
    tabs.forEach((tab, i) => {
      tab.provider.on('close', ({ event }: { event: { code: number } }) => {
        closeCodes[i] ??= event.code
      })
    })

    const acknowledgedNow = () => typists.reduce((sum, t) => sum + t.acknowledged().length, 0)
    let stoppedAt = 0
    const stopped = new Promise<void>((resolve) => {
      const check = () => {
        if (acknowledgedNow() < STOP_AT) return
        for (const t of typists) t.client.provider.off('unsyncedChanges', check)
        proxy.accepting = false
        stoppedAt = Date.now()
        server.child.kill('SIGTERM')
        resolve()
      }
      for (const t of typists) t.client.provider.on('unsyncedChanges', check)
    })
    const typing = Promise.all(typists.map((t, i) => typeSome(t, `typist ${i}`, ITEMS_EACH, 10)))
    await stopped
    expect(await server.exited).toEqual({ code: 0, signal: null })
    expect(Date.now() - stoppedAt).toBeLessThan(10_000)
    // Told "restarting" (1012), so each provider reconnects by itself rather than giving up.
    expect(closeCodes).toEqual(Array(TYPISTS).fill(CloseCode.serverRestart))
    await typing

    const again = await start({ DATA_DIR: dir, PORT: port })
    const reader = client(again.wsUrl, name, owner)
    await waitForSynced(reader)
    expectAcknowledgedKept(paragraphs(reader.doc), typists)

    proxy.accepting = true
    await expectConverged([...typists, await startTyping(reader)])
  })
})

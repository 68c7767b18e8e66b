import { afterEach, describe, expect, it } from 'vitest'
import { join, meetingFixture, type Person, signUp } from '../support/api-client.ts'
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

const TYPISTS = 10
const ITEMS_EACH = 40
/** Acknowledged paragraphs (all typists together) at which the server is killed. */
const KILL_AT = 120

const clients: TestClient[] = []
const processes: ServerProcess[] = []
const proxies: TcpProxy[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const p of processes.splice(0)) p.child.kill('SIGKILL')
  for (const p of proxies.splice(0)) await p.close()
})

async function start(dir: string): Promise<ServerProcess> {
  const p = await spawnServer({ DATA_DIR: dir })
  processes.push(p)
  return p
}

function client(wsUrl: string, name: string, person: Person): TestClient {
  const c = connectClient(wsUrl, name, person.token)
  clients.push(c)
  return c
}

const portOf = (p: ServerProcess): number => Number(new URL(p.url).port)

describe('[D2] kill -9 under ten typists', () => {
  it('every paragraph any typist saw acknowledged is there once after restart, and all converge', async () => {
    const dir = dataDir()
    const server = await start(dir)
    const { owner, communityId, meetingId } = await meetingFixture(server.url)
    // Two people with five tabs each: signing ten people up (scrypt) would double the test's time.
    const colleague = await signUp(server.url, 'Colleague')
    await join(owner, communityId, colleague)
    const people = Array.from({ length: TYPISTS }, (_, i) => (i % 2 === 0 ? owner : colleague))
    const name = `meeting/${meetingId}`
    // The typists reach the server through a proxy, so that after the restart a fresh reader
    // sees what the store kept before any typist can send its copy again.
    const proxy = await TcpProxy.start(portOf(server))
    proxies.push(proxy)
    const tabs = people.map((person) => client(proxy.through(server.wsUrl), name, person))
    await Promise.all(tabs.map((tab) => waitForSynced(tab)))
    const typists: Typist[] = await Promise.all(tabs.map((tab) => startTyping(tab)))

    const acknowledgedNow = () => typists.reduce((sum, t) => sum + t.acknowledged().length, 0)
    const killed = new Promise<void>((resolve) => {
      const check = () => {
        if (acknowledgedNow() < KILL_AT) return
        for (const t of typists) t.client.provider.off('unsyncedChanges', check)
        server.child.kill('SIGKILL')
        proxy.setMode('reset')
        resolve()
      }
      for (const t of typists) t.client.provider.on('unsyncedChanges', check)
    })
    // Typing goes on after the kill: those paragraphs stay with their typists until they reconnect.
    await Promise.all(typists.map((t, i) => typeSome(t, `typist ${i}`, ITEMS_EACH, 10)))
    await killed
    expect((await server.exited).signal).toBe('SIGKILL')
    expect(acknowledgedNow()).toBeGreaterThanOrEqual(KILL_AT)

    const again = await start(dir)
    const reader = client(again.wsUrl, name, owner)
    await waitForSynced(reader)
    expectAcknowledgedKept(paragraphs(reader.doc), typists)

    proxy.upstreamPort = portOf(again)
    proxy.setMode('pass')
    await expectConverged([...typists, await startTyping(reader)])
  })
})

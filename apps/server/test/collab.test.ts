import { readAgenda } from '@confer/model'
import { afterEach, describe, expect, it } from 'vitest'
import { meetingFixture } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { paragraphs, typeParagraph } from '../../../test/support/notes.ts'
import { type RunningServer, startServer } from './test-server.ts'

const clients: TestClient[] = []
const servers: RunningServer[] = []

function client(wsUrl: string, name: string, token: string): TestClient {
  const c = connectClient(wsUrl, name, token)
  clients.push(c)
  return c
}

async function server(options?: Parameters<typeof startServer>[0]): Promise<RunningServer> {
  const s = await startServer(options)
  servers.push(s)
  return s
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.close()
})

describe('collaboration over /collab', () => {
  it('two providers on the same meeting converge on each other’s notes', async () => {
    const s = await server()
    const { owner, meetingId } = await meetingFixture(s.url)
    const alice = client(s.wsUrl, `meeting/${meetingId}`, owner.token)
    const bob = client(s.wsUrl, `meeting/${meetingId}`, owner.token)
    await Promise.all([waitForSynced(alice), waitForSynced(bob)])

    typeParagraph(alice.doc, 'Alice: we look at the reading data first')
    typeParagraph(bob.doc, 'Bob: then the writing samples')

    const both = (doc: Parameters<typeof paragraphs>[0]) =>
      paragraphs(doc).includes('Alice: we look at the reading data first') &&
      paragraphs(doc).includes('Bob: then the writing samples')
    await Promise.all([
      waitForDoc(alice, both, 'alice to see both'),
      waitForDoc(bob, both, 'bob to see both'),
    ])
    expect(paragraphs(alice.doc)).toEqual(paragraphs(bob.doc))
  })

  it('[C3] seeds a new meeting with exactly one item, however many clients open it at once', async () => {
    const s = await server()
    const { owner, meetingId } = await meetingFixture(s.url)
    const tabs = [1, 2, 3, 4].map(() => client(s.wsUrl, `meeting/${meetingId}`, owner.token))
    await Promise.all(tabs.map((tab) => waitForSynced(tab)))
    for (const tab of tabs) {
      expect(readAgenda(tab.doc).map((item) => item.title)).toEqual(['Notes'])
    }
  })

  it('keeps a document across a graceful restart', async () => {
    const first = await server()
    const { owner, meetingId } = await meetingFixture(first.url)
    const writer = client(first.wsUrl, `meeting/${meetingId}`, owner.token)
    await waitForSynced(writer)
    typeParagraph(writer.doc, 'Norms first, then data')
    await waitForAcknowledged(writer)
    writer.destroy()
    await first.close()

    const second = await server({ dataDir: first.dataDir })
    const reader = client(second.wsUrl, `meeting/${meetingId}`, owner.token)
    await waitForSynced(reader)
    expect(paragraphs(reader.doc)).toEqual(['Norms first, then data'])
    expect(readAgenda(reader.doc)).toHaveLength(1)
  })

  it('a client that stays connected through a restart reconnects and keeps editing', async () => {
    const first = await server()
    const { owner, meetingId } = await meetingFixture(first.url)
    const tab = client(first.wsUrl, `meeting/${meetingId}`, owner.token)
    await waitForSynced(tab)
    typeParagraph(tab.doc, 'before the restart')
    await waitForAcknowledged(tab)
    await first.close()

    // Typed while the server is down: kept by the provider and sent on reconnect.
    typeParagraph(tab.doc, 'while it was down')
    const port = new URL(first.url).port
    await server({ dataDir: first.dataDir, env: { PORT: port } })
    await waitForAcknowledged(tab)

    const fresh = client(first.wsUrl, `meeting/${meetingId}`, owner.token)
    await waitForSynced(fresh)
    expect(paragraphs(fresh.doc)).toEqual(['before the restart', 'while it was down'])
  })
})

import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { meetingFixture } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { paragraphs, typeParagraph } from '../../../test/support/notes.ts'
import { DATABASE_FILE, openDatabase } from '../src/stores/sqlite/database.ts'
import { SqliteDocumentStore } from '../src/stores/sqlite/sqlite-document-store.ts'
import { type RunningServer, startServer, tempDataDir } from './test-server.ts'

const clients: TestClient[] = []
const servers: RunningServer[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.close()
})

function logRows(dataDir: string, name: string): number {
  // A second, independent connection: sees only what the server has committed.
  const db = new DatabaseSync(path.join(dataDir, DATABASE_FILE), { readOnly: true })
  try {
    const row = db.prepare('SELECT count(*) AS n FROM document_updates WHERE name = ?').get(name) as {
      n: number
    }
    return row.n
  } finally {
    db.close()
  }
}

describe('durable document store', () => {
  it('[D1] has every acknowledged edit committed to the update log', async () => {
    const s = await startServer()
    servers.push(s)
    const { owner, meetingId } = await meetingFixture(s.url)
    const name = `meeting/${meetingId}`
    const tab = connectClient(s.wsUrl, name, owner.token)
    clients.push(tab)
    await waitForSynced(tab)
    const before = logRows(s.dataDir, name)
    for (let i = 0; i < 20; i++) typeParagraph(tab.doc, `line ${i}`)
    await waitForAcknowledged(tab)
    expect(logRows(s.dataDir, name)).toBeGreaterThan(before)
  })

  it('[D1] never acknowledges an edit the store failed to commit', async () => {
    const dataDir = tempDataDir()
    const db = openDatabase(dataDir)
    const s = await startServer({ dataDir, documents: new SqliteDocumentStore(db) })
    servers.push(s)
    const { owner, meetingId } = await meetingFixture(s.url)
    const tab = connectClient(s.wsUrl, `meeting/${meetingId}`, owner.token)
    clients.push(tab)
    await waitForSynced(tab)

    // The store's database goes away under the server, as a failing disk would take it.
    db.close()
    const refused = new Promise<number>((resolve) => {
      tab.provider.configuration.websocketProvider.on('close', ({ event }: { event: CloseEvent }) =>
        resolve(event.code),
      )
    })
    typeParagraph(tab.doc, 'this must not be acknowledged')

    expect(await refused).toBe(1011)
    expect(tab.provider.hasUnsyncedChanges).toBe(true)
    expect(paragraphs(tab.doc)).toEqual(['this must not be acknowledged'])
  })

  it('[D3] compacts the log into a snapshot when the last client leaves, losing nothing', async () => {
    const s = await startServer()
    servers.push(s)
    const { owner, meetingId } = await meetingFixture(s.url)
    const name = `meeting/${meetingId}`
    const tab = connectClient(s.wsUrl, name, owner.token)
    await waitForSynced(tab)
    for (let i = 0; i < 50; i++) typeParagraph(tab.doc, `point ${i}`)
    await waitForAcknowledged(tab)
    expect(logRows(s.dataDir, name)).toBeGreaterThan(0)

    const unloaded = new Promise<void>((resolve) => {
      s.server.hocuspocus.configuration.extensions.push({
        async afterUnloadDocument({ documentName }: { documentName: string }) {
          if (documentName === name) resolve()
        },
      })
    })
    tab.destroy()
    await unloaded
    expect(logRows(s.dataDir, name)).toBe(0)

    const reader = connectClient(s.wsUrl, name, owner.token)
    clients.push(reader)
    await waitForSynced(reader)
    expect(paragraphs(reader.doc)).toEqual(Array.from({ length: 50 }, (_, i) => `point ${i}`))
  })
})

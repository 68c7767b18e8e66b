import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { meetingFixture } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { paragraphs, typeParagraph } from '../../../test/support/notes.ts'
import type { CommitScheduler } from '../src/collab/update-log.ts'
import { DATABASE_FILE, openDatabase } from '../src/stores/sqlite/database.ts'
import { SqliteDocumentStore } from '../src/stores/sqlite/sqlite-document-store.ts'
import { authenticateRaw, frame, MessageType, nextFrameOfType, openRawSocket } from './raw-socket.ts'
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
    const row = db.prepare('SELECT count(*) AS n FROM document_journal WHERE name = ?').get(name) as {
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
    const s = await startServer({ dataDir, overrides: { documents: new SqliteDocumentStore(db) } })
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

  it('[D5] holds the acknowledgement until the end-of-turn commit, and sends it right after', async () => {
    const commits = heldCommits()
    const s = await startServer({ overrides: { scheduleCommit: commits.schedule } })
    servers.push(s)
    const { owner, meetingId } = await meetingFixture(s.url)
    const name = `meeting/${meetingId}`
    const socket = await openRawSocket(s.wsUrl)
    expect(await authenticateRaw(socket, name, owner.token)).toMatchObject({ ok: true })
    let acks = 0
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (
        decoding.readVarString(decoder) === name &&
        decoding.readVarUint(decoder) === MessageType.SyncStatus
      )
        acks++
    })

    const edit = new Y.Doc()
    edit.getText('probe').insert(0, 'must be durable before it is acknowledged')
    const rowsBefore = logRows(s.dataDir, name)
    const commitOwed = commits.hold()
    socket.send(
      frame(name, MessageType.Sync, (e) => {
        encoding.writeVarUint(e, 2)
        encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(edit))
      }),
    )
    await commitOwed
    // The server has applied the update. A ping sent now is answered after everything it did
    // with the update, so an acknowledgement sent then would arrive before this pong.
    await new Promise<void>((resolve) => {
      socket.once('pong', () => resolve())
      socket.ping()
    })
    expect(acks).toBe(0)
    expect(logRows(s.dataDir, name)).toBe(rowsBefore)

    const ack = nextFrameOfType(socket, name, MessageType.SyncStatus)
    commits.release()
    await ack
    expect(acks).toBe(1)
    expect(logRows(s.dataDir, name)).toBe(rowsBefore + 1)
    socket.close()
  })

  it('[D5] broadcasts an update to the other clients without waiting for its commit', async () => {
    const commits = heldCommits()
    const s = await startServer({ overrides: { scheduleCommit: commits.schedule } })
    servers.push(s)
    const { owner, meetingId } = await meetingFixture(s.url)
    const name = `meeting/${meetingId}`
    const writer = connectClient(s.wsUrl, name, owner.token)
    const reader = connectClient(s.wsUrl, name, owner.token)
    clients.push(writer, reader)
    await Promise.all([waitForSynced(writer), waitForSynced(reader)])

    const commitOwed = commits.hold()
    typeParagraph(writer.doc, 'seen before it is durable')
    await commitOwed
    await waitForDoc(reader, (doc) => paragraphs(doc).includes('seen before it is durable'), 'the broadcast')
    // Seen by the reader, still unacknowledged for the writer: its provider keeps the change.
    expect(writer.provider.hasUnsyncedChanges).toBe(true)

    commits.release()
    await waitForAcknowledged(writer)
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

/**
 * A commit scheduler the test controls: commits run at the end of the turn as in production,
 * except between `hold()` (which resolves once a commit is owed) and `release()`.
 */
function heldCommits() {
  let holding = false
  const held: (() => void)[] = []
  let owed: () => void = () => {}
  const schedule: CommitScheduler = (commit) => {
    if (!holding) return void setImmediate(commit)
    held.push(commit)
    owed()
  }
  return {
    schedule,
    hold(): Promise<void> {
      holding = true
      return new Promise<void>((resolve) => {
        owed = resolve
      })
    },
    release(): void {
      holding = false
      for (const commit of held.splice(0)) commit()
    },
  }
}

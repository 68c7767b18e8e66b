import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { meetingFixture, type Person } from '../support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForSynced,
} from '../support/collab-clients.ts'
import { paragraphs, typeParagraph } from '../support/notes.ts'
import { type ServerProcess, spawnServer } from '../support/server-process.ts'

const clients: TestClient[] = []
const processes: ServerProcess[] = []

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
  for (const p of processes.splice(0)) p.child.kill('SIGKILL')
})

/** Rows still in the update log, read straight from the database file the server left. */
function loggedUpdates(dir: string, name: string): number {
  const db = new DatabaseSync(path.join(dir, 'confer.sqlite'), { readOnly: true })
  try {
    const row = db.prepare('SELECT count(*) AS n FROM document_journal WHERE name = ?').get(name) as {
      n: number
    }
    return row.n
  } finally {
    db.close()
  }
}

function dataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'confer-fault-'))
}

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

async function killHard(p: ServerProcess): Promise<void> {
  p.child.kill('SIGKILL')
  expect((await p.exited).signal).toBe('SIGKILL')
}

/** What a brand-new client sees after the server has come back on the same data. */
async function notesAfterRestart(dir: string, name: string, person: Person): Promise<string[]> {
  const again = await start(dir)
  const reader = client(again.wsUrl, name, person)
  await waitForSynced(reader)
  return paragraphs(reader.doc)
}

describe('[D2] acknowledged edits survive kill -9 of the server', () => {
  it('one acknowledged edit', async () => {
    const dir = dataDir()
    const server = await start(dir)
    const { owner, meetingId } = await meetingFixture(server.url)
    const name = `meeting/${meetingId}`
    const tab = client(server.wsUrl, name, owner)
    await waitForSynced(tab)
    typeParagraph(tab.doc, 'we agreed to bring student work next week')
    await waitForAcknowledged(tab)
    await killHard(server)
    tab.destroy()

    expect(await notesAfterRestart(dir, name, owner)).toEqual(['we agreed to bring student work next week'])
  })

  it('500 rapid edits, killed as soon as the last is acknowledged', async () => {
    const dir = dataDir()
    const server = await start(dir)
    const { owner, meetingId } = await meetingFixture(server.url)
    const name = `meeting/${meetingId}`
    const tab = client(server.wsUrl, name, owner)
    await waitForSynced(tab)
    const typed = Array.from({ length: 500 }, (_, i) => `edit ${i}`)
    for (const line of typed) typeParagraph(tab.doc, line)
    await waitForAcknowledged(tab, 30_000)
    await killHard(server)
    tab.destroy()

    expect(await notesAfterRestart(dir, name, owner)).toEqual(typed)
  })

  it('killed mid-stream: every edit acknowledged before the kill is there after restart', async () => {
    const dir = dataDir()
    const server = await start(dir)
    const { owner, meetingId } = await meetingFixture(server.url)
    const name = `meeting/${meetingId}`
    const tab = client(server.wsUrl, name, owner)
    await waitForSynced(tab)

    let typed = 0
    let acknowledgedAtKill = -1
    const killedMidStream = new Promise<void>((resolve) => {
      tab.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
        // Updates go out and come back acknowledged in order on one connection, so the first
        // `typed - number` edits are the acknowledged ones.
        if (acknowledgedAtKill < 0 && typed - number >= 250) {
          acknowledgedAtKill = typed - number
          server.child.kill('SIGKILL')
          resolve()
        }
      })
    })
    // Typing continues while acknowledgements arrive, as in a real meeting.
    for (let i = 0; i < 500 && acknowledgedAtKill < 0; i++) {
      typed++
      typeParagraph(tab.doc, `edit ${i}`)
      if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve))
    }
    await killedMidStream
    await server.exited
    tab.destroy()

    const after = await notesAfterRestart(dir, name, owner)
    expect(acknowledgedAtKill).toBeGreaterThanOrEqual(250)
    const acknowledged = Array.from({ length: acknowledgedAtKill }, (_, i) => `edit ${i}`)
    expect(after.slice(0, acknowledgedAtKill)).toEqual(acknowledged)
  })
})

describe('graceful shutdown', () => {
  it('[D4] SIGTERM closes connections, compacts the log and exits 0', async () => {
    const dir = dataDir()
    const server = await start(dir)
    const { owner, meetingId } = await meetingFixture(server.url)
    const name = `meeting/${meetingId}`
    const tab = client(server.wsUrl, name, owner)
    await waitForSynced(tab)
    typeParagraph(tab.doc, 'closing reflection: we kept our norms')
    await waitForAcknowledged(tab)

    const started = Date.now()
    server.child.kill('SIGTERM')
    expect(await server.exited).toEqual({ code: 0, signal: null })
    expect(Date.now() - started).toBeLessThan(10_000)
    tab.destroy()
    expect(loggedUpdates(dir, name)).toBe(0)

    expect(await notesAfterRestart(dir, name, owner)).toEqual(['closing reflection: we kept our norms'])
  })
})

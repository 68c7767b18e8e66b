import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { CloseCode } from '@confer/model'
import { afterEach, describe, expect, it } from 'vitest'
import { createCommunity, signUp } from '../support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../support/collab-clients.ts'
import { paragraphs, typeParagraph } from '../support/notes.ts'
import { type ServerProcess, spawnServer } from '../support/server-process.ts'
import { until } from '../support/wait.ts'

/**
 * A real full disk: DATA_DIR on a small tmpfs, filled by a file beside the database. Mounting
 * needs root on Linux; where it is not permitted this test is skipped, and
 * apps/server/test/store-failure.test.ts proves the same rules with a store whose writes fail.
 */
function mountSmallDisk(): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir], { stdio: 'ignore' })
    return dir
  } catch {
    fs.rmdirSync(dir)
    return null
  }
}

const probe = mountSmallDisk()
if (probe) {
  execFileSync('umount', [probe])
  fs.rmdirSync(probe)
}

const clients: TestClient[] = []
const processes: ServerProcess[] = []
const mounts: string[] = []

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
  for (const p of processes.splice(0)) p.child.kill('SIGKILL')
  for (const dir of mounts.splice(0)) {
    execFileSync('umount', ['--lazy', dir])
    fs.rmdirSync(dir)
  }
})

async function start(dir: string): Promise<ServerProcess> {
  const p = await spawnServer({ DATA_DIR: dir })
  processes.push(p)
  return p
}

/** Writes until the disk refuses: nothing is left for the database to grow into. */
function fillDisk(file: string): void {
  const chunk = Buffer.alloc(64 * 1024, 1)
  const fd = fs.openSync(file, 'w')
  try {
    for (;;) fs.writeSync(fd, chunk)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
  } finally {
    fs.closeSync(fd)
  }
  // The last bytes that fit a smaller write.
  try {
    fs.appendFileSync(file, Buffer.alloc(4096, 1))
  } catch {}
}

type Outcome = 'acknowledged' | 'closed'

/** Resolves with what happened first to the writer's pending edits: acknowledged, or its socket closed. */
function outcome(client: TestClient): Promise<Outcome> {
  const { provider } = client
  const socket = provider.configuration.websocketProvider
  return new Promise((resolve) => {
    const onChanges = ({ number }: { number: number }) => {
      if (number !== 0) return
      done()
      resolve('acknowledged')
    }
    const onClose = () => {
      done()
      resolve('closed')
    }
    const done = () => {
      provider.off('unsyncedChanges', onChanges)
      socket.off('close', onClose)
    }
    provider.on('unsyncedChanges', onChanges)
    socket.on('close', onClose)
  })
}

describe.skipIf(!probe)('a full disk under DATA_DIR (tmpfs)', () => {
  it('[H3] acknowledges nothing it could not store; once space returns nothing acknowledged is missing and the database is intact', async () => {
    const dir = mountSmallDisk()
    if (!dir) throw new Error('could not mount a tmpfs')
    mounts.push(dir)
    const server = await start(dir)
    const owner = await signUp(server.url, 'Facilitator')
    const communityId = await createCommunity(owner)
    const meetingBody = {
      title: 'Weekly meeting',
      startsAt: new Date(Date.now() + 3600_000).toISOString(),
      durationMinutes: 60,
    }
    const meeting = await owner.api.post<{ meeting: { id: string } }>(
      `/api/communities/${communityId}/meetings`,
      meetingBody,
    )
    expect(meeting.status).toBe(201)
    const name = `meeting/${meeting.body.meeting.id}`
    const writer = connectClient(server.wsUrl, name, owner.token)
    const reader = connectClient(server.wsUrl, name, owner.token)
    clients.push(writer, reader)
    await Promise.all([waitForSynced(writer), waitForSynced(reader)])

    typeParagraph(writer.doc, 'before the disk filled up')
    await waitForAcknowledged(writer)
    const acknowledged = ['before the disk filled up']

    const filler = path.join(dir, 'filler')
    fillDisk(filler)
    const closeCodes: number[] = []
    const writerSocket = writer.provider.configuration.websocketProvider
    writerSocket.on('close', ({ event }: { event: CloseEvent }) => closeCodes.push(event.code))

    // Type, one edit at a time, until a commit fails (the log grows into the space that is gone).
    const typed: string[] = []
    for (let i = 0; i < 200; i++) {
      const line = `typed while the disk was full ${i}`
      const next = outcome(writer)
      typeParagraph(writer.doc, line)
      typed.push(line)
      if ((await next) === 'closed') break
      acknowledged.push(line)
    }
    expect(closeCodes[0]).toBe(CloseCode.storageUnavailable)
    // A few more, kept on the device while the server cannot store them.
    for (let i = 0; i < 5; i++) {
      const line = `kept on the device ${i}`
      typeParagraph(writer.doc, line)
      typed.push(line)
    }
    // Each reconnect offers the edits again, and each time the commit fails: never acknowledged.
    await until(
      () => closeCodes.filter((code) => code === CloseCode.storageUnavailable).length >= 3,
      (recheck) => {
        writerSocket.on('close', recheck)
        return () => writerSocket.off('close', recheck)
      },
      'three refused syncs',
    )
    // No count of acknowledgements while full: a commit can still succeed into WAL pages the
    // failed transaction left free, and what it acknowledges is then durable. What H3 forbids
    // is an acknowledged edit that is missing later, which the restart below checks.
    const refused = await owner.api.post(`/api/communities/${communityId}/meetings`, meetingBody)
    expect(refused.status).toBe(503)
    expect(refused.body).toMatchObject({ error: 'storage_unavailable' })

    // Space returns: the providers' next sync is committed, then acknowledged.
    fs.rmSync(filler)
    await waitForAcknowledged(writer, 20_000)
    const everything = ['before the disk filled up', ...typed]
    await waitForDoc(
      reader,
      (doc) => paragraphs(doc).length === everything.length,
      'every edit at the reader',
    )

    server.child.kill('SIGKILL')
    await server.exited
    for (const c of clients.splice(0)) c.destroy()
    const db = new DatabaseSync(path.join(dir, 'confer.sqlite'))
    try {
      expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' })
    } finally {
      db.close()
    }

    const again = await start(dir)
    const fresh = connectClient(again.wsUrl, name, owner.token)
    clients.push(fresh)
    await waitForSynced(fresh)
    const after = paragraphs(fresh.doc)
    for (const line of acknowledged) expect(after).toContain(line)
    expect(after).toEqual(everything)
  })
})

import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import * as Y from 'yjs'
import { meetingFixture } from '../../../test/support/api-client.ts'
import { connectClient, waitForDoc, waitForSynced } from '../../../test/support/collab-clients.ts'
import { paragraphs, typeParagraph } from '../../../test/support/notes.ts'
import { authFrame, frame, MessageType } from './raw-socket.ts'
import { clients, closedOrAnswering, dial, serve } from './socket-limits-support.ts'

/*
 * SPEC H4: what a socket sends once its document connection is set up is Hocuspocus' to handle,
 * not bytes waiting for authentication, even while slow `connected` hooks of other extensions
 * still run (Attendance awaits a database write; on PostgreSQL that takes a while). Found by the
 * bench: an offline client coming back with more than PREAUTH_MAX_BYTES of edits was closed 4413.
 */

/** Resolves with how many updates of `documentName` the server acknowledged, once it has `count`. */
function acknowledged(socket: WebSocket, documentName: string, count: number): Promise<number> {
  return new Promise((resolve) => {
    let applied = 0
    let seen = 0
    const onMessage = (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarString(decoder) !== documentName) return
      if (decoding.readVarUint(decoder) !== MessageType.SyncStatus) return
      if (decoding.readVarInt(decoder) === 1) applied++
      if (++seen < count) return
      socket.off('message', onMessage)
      resolve(applied)
    }
    socket.on('message', onMessage)
  })
}

function updateFrame(documentName: string, update: Uint8Array): Uint8Array {
  return frame(documentName, MessageType.Sync, (e) => {
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint8Array(e, update)
  })
}

describe('[H4] after authentication', () => {
  it('[H4] does not count what a connected socket sends as pre-auth while slow connected hooks run: no 4413, every update acknowledged', async () => {
    const server = await serve({})
    const fixture = await meetingFixture(server.url)
    const name = `meeting/${fixture.meetingId}`
    const reader = connectClient(server.wsUrl, name, fixture.owner.token)
    clients.push(reader)
    await waitForSynced(reader)

    // An offline client's edits: eight paragraphs of 25 KiB, 200 KiB in all (PREAUTH_MAX_BYTES is 64 KiB).
    const offline = new Y.Doc()
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(reader.doc))
    const updates: Uint8Array[] = []
    offline.on('update', (update: Uint8Array) => updates.push(update))
    const lines = Array.from({ length: 8 }, (_, i) => `${i}:${'x'.repeat(25 * 1024)}`)
    for (const line of lines) typeParagraph(offline, line)

    // Attendance's write takes as long as the test says: the connected hooks are still running.
    const meetings = server.server.services.meetings as unknown as {
      recordPresence(meetingId: string, userId: string): Promise<void>
    }
    const record = meetings.recordPresence.bind(meetings)
    let entered!: () => void
    const hookRunning = new Promise<void>((resolve) => {
      entered = resolve
    })
    let release!: () => void
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    meetings.recordPresence = async (meetingId, userId) => {
      entered()
      await released
      return record(meetingId, userId)
    }

    try {
      const client = dial(server)
      await client.opened
      client.socket.send(authFrame(name, fixture.owner.token))
      await hookRunning

      const acks = acknowledged(client.socket, name, updates.length)
      for (const update of updates) client.socket.send(updateFrame(name, update))
      const outcome = await Promise.race([
        client.closed.then((c) => `closed ${c.code} ${c.reason}`),
        acks.then((applied) => `${applied} acknowledged`),
      ])
      expect(outcome).toBe(`${updates.length} acknowledged`)

      release()
      await waitForDoc(
        reader,
        (doc) => lines.every((line) => paragraphs(doc).includes(line)),
        'the other person to see every offline edit',
      )
      expect(await closedOrAnswering(client, name)).toBe('answering')
    } finally {
      release()
    }
  })
})

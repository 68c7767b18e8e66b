import * as encoding from 'lib0/encoding'
import { afterEach } from 'vitest'
import WebSocket from 'ws'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { paragraphs, typeParagraph } from '../../../test/support/notes.ts'
import { type Closed, frame, MessageType, sendUpdate, whenClosed } from './raw-socket.ts'
import { type RunningServer, startServer } from './test-server.ts'

/**
 * What the SPEC H4 test files share: a server started with the limits a test sets low, raw
 * sockets dialled to it, and two ordinary providers whose meeting must keep working meanwhile.
 * Everything a test opens is closed after it.
 */

let s: RunningServer | null = null
export const clients: TestClient[] = []
const raw: WebSocket[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const socket of raw.splice(0)) socket.terminate()
  await s?.close()
  s = null
})

export async function serve(env: Record<string, string>): Promise<RunningServer> {
  s = await startServer({ env })
  return s
}

/** A raw socket whose close is watched from the start, so a close right after the handshake is never missed. */
export interface Dialled {
  socket: WebSocket
  opened: Promise<void>
  closed: Promise<Closed>
}

export function dial(server: RunningServer, headers: Record<string, string> = {}): Dialled {
  const socket = new WebSocket(server.wsUrl, { headers })
  raw.push(socket)
  socket.on('error', () => {})
  const closed = whenClosed(socket)
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('close', () => reject(new Error('closed before it opened')))
  })
  opened.catch(() => {})
  return { socket, opened, closed }
}

/** Two people's providers in the meeting: the ones every flood must leave alone. */
export async function bystanders(
  server: RunningServer,
  name: string,
  writerToken: string,
  readerToken = writerToken,
) {
  const writer = connectClient(server.wsUrl, name, writerToken)
  const reader = connectClient(server.wsUrl, name, readerToken)
  clients.push(writer, reader)
  await Promise.all([waitForSynced(writer), waitForSynced(reader)])
  return { writer, reader }
}

/** The meeting still works end to end: an edit reaches the other person and is acknowledged as saved. */
export async function stillEditing({
  writer,
  reader,
}: {
  writer: TestClient
  reader: TestClient
}): Promise<void> {
  const line = `still editing ${Math.random()}`
  typeParagraph(writer.doc, line)
  await waitForDoc(reader, (doc) => paragraphs(doc).includes(line), 'the other person to see the edit')
  await waitForAcknowledged(writer)
}

/** A SyncStep1 with an empty state vector: "send me the whole document". */
export function wholeDocumentPlease(name: string): Uint8Array {
  return frame(name, MessageType.Sync, (e) => {
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint8Array(e, Uint8Array.of(0))
  })
}

/** A Yjs update that changes nothing (no structs, no deletions): enough to prove the socket can still save. */
export const EMPTY_UPDATE = Uint8Array.of(0, 0)

/** The smallest update frame a member can send: applied and acknowledged, and one more message. */
export function tinyUpdate(name: string): Uint8Array {
  return frame(name, MessageType.Sync, (e) => {
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint8Array(e, EMPTY_UPDATE)
  })
}

/** Whether the socket was closed (with which code) or still answers an update. */
export async function closedOrAnswering(d: Dialled, name: string): Promise<number | 'answering'> {
  return Promise.race([
    d.closed.then((c) => c.code),
    sendUpdate(d.socket, name, EMPTY_UPDATE).then(() => 'answering' as const),
  ])
}

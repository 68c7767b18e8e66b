import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { CloseCode, readAgenda, removeAgendaItem } from '@confer/model'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import * as Y from 'yjs'
import { meetingFixture } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { firstNotes, paragraphs, typeParagraph } from '../../../test/support/notes.ts'
import { DATABASE_FILE } from '../src/stores/sqlite/database.ts'
import { authenticateRaw, type Closed, frame, MessageType, openRawSocket, whenClosed } from './raw-socket.ts'
import { type RunningServer, startServer } from './test-server.ts'

/** Small limits, so each case is quick: a 64 KiB update, 2,000 entries, a 384 KiB document. */
const LIMITS = {
  MAX_MESSAGE_BYTES: String(1024 * 1024),
  MAX_UPDATE_BYTES: String(64 * 1024),
  MAX_UPDATE_ENTRIES: '2000',
  MAX_DOCUMENT_BYTES: String(384 * 1024),
}
/** y-protocols sync message types that carry an update. */
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2
const carriers = [
  ['SyncStep2', SYNC_STEP_2],
  ['Update', SYNC_UPDATE],
] as const

let s: RunningServer
let fixture: Awaited<ReturnType<typeof meetingFixture>>
let name: string
const clients: TestClient[] = []
const sockets: WebSocket[] = []

async function start(env: Record<string, string> = LIMITS): Promise<void> {
  s = await startServer({ env })
  fixture = await meetingFixture(s.url)
  name = `meeting/${fixture.meetingId}`
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const socket of sockets.splice(0)) socket.terminate()
  await s.close()
})

async function syncedClient(): Promise<TestClient> {
  const c = connectClient(s.wsUrl, name, fixture.owner.token)
  clients.push(c)
  await waitForSynced(c)
  return c
}

/** A copy of what `client` holds, to build an update from, as a modified client would. */
function copyOf(client: TestClient): Y.Doc {
  const copy = new Y.Doc({ gc: false })
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc))
  return copy
}

/** What `change` does to `doc`, as one update. */
function updateFrom(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(doc)
  change(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

function notesOf(doc: Y.Doc): Y.XmlFragment {
  const notes = firstNotes(doc)
  if (!notes) throw new Error('the meeting has no notes')
  return notes
}

/** Paragraphs nested in paragraphs, `levels` deep, built level by level (no recursion anywhere). */
function nestDeep(doc: Y.Doc, levels: number): void {
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = notesOf(doc)
    for (let i = 0; i < levels; i++) {
      const child: Y.XmlElement = new Y.XmlElement('paragraph')
      parent.insert(0, [child])
      parent = child
    }
  })
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph')
  p.insert(0, [new Y.XmlText(text)])
  return p
}

/** A socket that authenticated for the meeting, as a modified client would open it. */
async function rawSocket(): Promise<WebSocket> {
  const socket = await openRawSocket(s.wsUrl)
  sockets.push(socket)
  expect(await authenticateRaw(socket, name, fixture.owner.token)).toMatchObject({ ok: true })
  return socket
}

type Outcome = { acknowledged: boolean } | { closed: Closed }

/** Sends `update` and resolves with what came first: an acknowledgement (SyncStatus) or the close. */
function send(socket: WebSocket, update: Uint8Array, carrier: number): Promise<Outcome> {
  const outcome = new Promise<Outcome>((resolve) => {
    const onMessage = (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarString(decoder) !== name) return
      if (decoding.readVarUint(decoder) !== MessageType.SyncStatus) return
      socket.off('message', onMessage)
      resolve({ acknowledged: decoding.readVarInt(decoder) === 1 })
    }
    socket.on('message', onMessage)
    void whenClosed(socket).then((closed) => resolve({ closed }))
  })
  socket.send(
    frame(name, MessageType.Sync, (e) => {
      encoding.writeVarUint(e, carrier)
      encoding.writeVarUint8Array(e, update)
    }),
  )
  return outcome
}

/** The document as the store holds it: snapshot and journal rows, read over a connection of its own. */
function stored(): Y.Doc {
  const db = new DatabaseSync(path.join(s.dataDir, DATABASE_FILE), { readOnly: true })
  try {
    const doc = new Y.Doc()
    const snapshot = db.prepare('SELECT state FROM document_snapshots WHERE name = ?').get(name) as
      | { state: Uint8Array }
      | undefined
    if (snapshot) Y.applyUpdate(doc, snapshot.state)
    const rows = db.prepare('SELECT data FROM document_journal WHERE name = ? ORDER BY id').all(name) as {
      data: Uint8Array
    }[]
    for (const row of rows) Y.applyUpdate(doc, row.data)
    return doc
  } finally {
    db.close()
  }
}

/** The deepest nesting of elements in the first item's notes (iterative: the notes may be deep). */
function notesDepth(doc: Y.Doc): number {
  const notes = firstNotes(doc)
  if (!notes) return 0
  let deepest = 0
  const stack: [Y.XmlFragment | Y.XmlElement, number][] = [[notes, 0]]
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top
    deepest = Math.max(deepest, depth)
    for (const child of node.toArray()) if (child instanceof Y.XmlElement) stack.push([child, depth + 1])
  }
  return deepest
}

/**
 * After a refusal: an edit from one person reaches another, is acknowledged and stored, and
 * nothing of the refused update reached either of them or the store (a broadcast of it would
 * have arrived before the later edit).
 */
async function othersKeepWorking(a: TestClient, b: TestClient, refused: (doc: Y.Doc) => boolean) {
  const line = `after the refusal ${Math.random()}`
  typeParagraph(a.doc, line)
  await waitForDoc(b, (doc) => paragraphs(doc).includes(line), 'the other client to see the edit')
  await waitForAcknowledged(a)
  const store = stored()
  expect(paragraphs(store)).toContain(line)
  for (const doc of [a.doc, b.doc, store]) expect(refused(doc)).toBe(false)
}

describe('[H1] nesting depth (MAX_XML_DEPTH)', () => {
  // The default limits: 5,000 nested paragraphs are ~100 KB.
  beforeEach(() => start({}))

  it.each(carriers)(
    '[H1] refuses notes nested 5,000 deep (%s) with 4422, applies and acknowledges nothing, and the meeting keeps working when the item is deleted',
    async (_, carrier) => {
      const a = await syncedClient()
      const b = await syncedClient()
      const socket = await rawSocket()
      const deep = updateFrom(copyOf(a), (doc) => nestDeep(doc, 5_000))

      expect(await send(socket, deep, carrier)).toEqual({
        closed: { code: CloseCode.updateRejected, reason: 'update nested too deep' },
      })
      // Deleting the item whose notes the update targeted: with the nesting applied, Yjs' garbage
      // collection overflowed the stack here and the document stopped emitting updates.
      const [item] = readAgenda(a.doc)
      if (!item) throw new Error('the meeting has no item')
      removeAgendaItem(a.doc, item.id)
      await waitForDoc(b, (doc) => readAgenda(doc).length === 0, 'the other client to see the item go')
      await waitForAcknowledged(a)
      expect(readAgenda(stored())).toEqual([])
    },
  )

  it('[H1] refuses a new paragraph one level past the limit under notes already at the limit', async () => {
    const a = await syncedClient()
    const b = await syncedClient()
    const socket = await rawSocket()
    const evil = copyOf(a)
    // The notes fragment is at depth 2: 98 nested paragraphs bring the deepest one to 100.
    expect(
      await send(
        socket,
        updateFrom(evil, (doc) => nestDeep(doc, 98)),
        SYNC_UPDATE,
      ),
    ).toEqual({
      acknowledged: true,
    })
    await waitForDoc(b, (doc) => notesDepth(doc) === 98, 'the nested notes to arrive')
    const deeper = updateFrom(evil, (doc) => {
      let deepest: Y.XmlElement | Y.XmlFragment = notesOf(doc)
      for (let child = deepest.get(0); child instanceof Y.XmlElement; child = deepest.get(0)) deepest = child
      deepest.insert(0, [new Y.XmlElement('paragraph')])
    })
    expect(await send(socket, deeper, SYNC_UPDATE)).toEqual({
      closed: { code: CloseCode.updateRejected, reason: 'update nested too deep' },
    })
    await othersKeepWorking(a, b, (doc) => notesDepth(doc) > 98)
  })

  it('[H1] holds an update whose nested types hang under a parent not seen yet, as Yjs does, and applies it when the parent comes', async () => {
    const a = await syncedClient()
    const b = await syncedClient()
    const socket = await rawSocket()
    const evil = copyOf(a)
    // The parent arrives in one update, its child in the next; only the second is sent.
    updateFrom(evil, (doc) => notesOf(doc).insert(0, [new Y.XmlElement('paragraph')]))
    const orphan = updateFrom(evil, (doc) =>
      (notesOf(doc).get(0) as Y.XmlElement).insert(0, [paragraph('x')]),
    )
    // A provider whose edits overtake its resync after a reconnect sends exactly this.
    expect(await send(socket, orphan, SYNC_UPDATE)).toEqual({ acknowledged: true })
    expect(await send(socket, Y.encodeStateAsUpdate(evil), SYNC_UPDATE)).toEqual({ acknowledged: true })
    await waitForDoc(b, (doc) => notesDepth(doc) === 2, 'the other client to see the nested paragraph')
    expect(notesDepth(stored())).toBe(2)
  })
})

describe('[H1] update size, entries and document quota', () => {
  beforeEach(() => start())

  it.each(carriers)('[H1] refuses an update over MAX_UPDATE_BYTES (%s) with 4413', async (_, carrier) => {
    const a = await syncedClient()
    const b = await syncedClient()
    const socket = await rawSocket()
    const big = 'x'.repeat(80 * 1024)
    const update = updateFrom(copyOf(a), (doc) => notesOf(doc).push([paragraph(big)]))
    expect(await send(socket, update, carrier)).toEqual({
      closed: { code: CloseCode.payloadTooLarge, reason: 'update over the size limit' },
    })
    await othersKeepWorking(a, b, (doc) => paragraphs(doc).includes(big))
  })

  it('[H1] refuses an update of more structs than MAX_UPDATE_ENTRIES with 4413', async () => {
    const a = await syncedClient()
    const b = await syncedClient()
    const socket = await rawSocket()
    // Each paragraph is three structs (element, text, characters): 3,000 entries in ~40 KB.
    const update = updateFrom(copyOf(a), (doc) =>
      notesOf(doc).push(Array.from({ length: 1_000 }, (_, i) => paragraph(`p${i}`))),
    )
    expect(update.length).toBeLessThan(64 * 1024)
    expect(await send(socket, update, SYNC_UPDATE)).toEqual({
      closed: { code: CloseCode.payloadTooLarge, reason: 'update over the entry limit' },
    })
    await othersKeepWorking(a, b, (doc) => paragraphs(doc).includes('p999'))
  })

  it('[H1] refuses an update of more delete ranges than MAX_UPDATE_ENTRIES with 4413', async () => {
    const a = await syncedClient()
    const b = await syncedClient()
    typeParagraph(a.doc, 'ab'.repeat(3_000))
    await waitForAcknowledged(a)
    const socket = await rawSocket()
    // Every other character deleted: 3,000 delete ranges and no struct.
    const update = updateFrom(copyOf(a), (doc) => {
      const text = (notesOf(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText
      doc.transact(() => {
        for (let i = 2_999; i >= 0; i--) text.delete(i * 2, 1)
      })
    })
    expect(await send(socket, update, SYNC_UPDATE)).toEqual({
      closed: { code: CloseCode.payloadTooLarge, reason: 'update over the entry limit' },
    })
    await othersKeepWorking(a, b, (doc) => !paragraphs(doc).includes('ab'.repeat(3_000)))
  })

  it('[H1] refuses the update that would take a document over MAX_DOCUMENT_BYTES, from a real provider, with 4413', async () => {
    const a = await syncedClient()
    const b = await syncedClient()
    const writer = await syncedClient()
    const chunk = (n: number) => `${n}`.repeat(60 * 1024)
    // 6 × 60 KB fit in 384 KiB; the seventh does not.
    for (let n = 1; n <= 6; n++) {
      typeParagraph(writer.doc, chunk(n))
      await waitForAcknowledged(writer)
    }
    const websocket = writer.provider.configuration.websocketProvider
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      websocket.on('disconnect', ({ event }: { event: { code: number; reason: string } }) => resolve(event)),
    )
    typeParagraph(writer.doc, chunk(7))
    expect(await closed).toMatchObject({
      code: CloseCode.payloadTooLarge,
      reason: 'document over the size limit',
    })
    expect(writer.provider.hasUnsyncedChanges).toBe(true)
    clients.splice(clients.indexOf(writer), 1)
    writer.destroy()
    await othersKeepWorking(a, b, (doc) => paragraphs(doc).includes(chunk(7)))
    expect(paragraphs(stored())).toContain(chunk(6))
  })
})

describe('[H1] legitimate edits at the default limits', () => {
  beforeEach(() => start({}))

  it('[H1] accepts a 200 KB paste and a list nested 30 levels deep, each as one update', async () => {
    const a = await syncedClient()
    const b = await syncedClient()
    const pasted = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(3_600)
    expect(pasted.length).toBeGreaterThan(200_000)
    typeParagraph(a.doc, pasted)
    // bulletList > listItem > (paragraph, bulletList > listItem > ...), as Tiptap nests lists.
    a.doc.transact(() => {
      let list = new Y.XmlElement('bulletList')
      notesOf(a.doc).push([list])
      for (let level = 1; level <= 30; level++) {
        const item = new Y.XmlElement('listItem')
        list.push([item])
        item.push([paragraph(`level ${level}`)])
        const nested = new Y.XmlElement('bulletList')
        item.push([nested])
        list = nested
      }
    })
    await waitForAcknowledged(a)
    await waitForDoc(b, (doc) => notesDepth(doc) >= 60 && paragraphs(doc).includes(pasted), 'the paste')
    const store = stored()
    expect(paragraphs(store)).toContain(pasted)
    expect(notesDepth(store)).toBe(notesDepth(a.doc))
  })
})

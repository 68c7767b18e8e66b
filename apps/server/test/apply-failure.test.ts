import { CloseCode } from '@confer/model'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
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
import { paragraphs, typeParagraph } from '../../../test/support/notes.ts'
import { authenticateRaw, frame, MessageType, openRawSocket, sendUpdate, whenClosed } from './raw-socket.ts'
import { type RunningServer, startServer } from './test-server.ts'

const clients: TestClient[] = []
const servers: RunningServer[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.close()
})

/**
 * The depth limit (H1) refuses the deep fragment before it is applied; this test lifts it, so
 * the update reaches Yjs and its apply throws, as any bug in applying could.
 */
const NO_DEPTH_LIMIT = { MAX_XML_DEPTH: '100000', MAX_UPDATE_ENTRIES: '1000000' }

/**
 * An XML fragment nested `depth` elements deep, then a delete of its outermost element alone:
 * Yjs deletes (and garbage-collects) nested content recursively, so applying the delete
 * overflows the stack inside the transaction, and the document never emits an update again.
 */
function deepFragmentThenDelete(depth: number): { build: Uint8Array; poison: Uint8Array } {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment('probe')
  let parent: Y.XmlFragment | Y.XmlElement = fragment
  doc.transact(() => {
    for (let i = 0; i < depth; i++) {
      const element = new Y.XmlElement('p')
      parent.insert(0, [element])
      parent = element
    }
  })
  const top = (fragment.get(0) as Y.XmlElement)._item?.id
  if (!top) throw new Error('the fragment has no element')
  // Written by hand: deleting it locally would overflow here first. No structs, one delete range.
  const poison = encoding.createEncoder()
  encoding.writeVarUint(poison, 0)
  encoding.writeVarUint(poison, 1)
  encoding.writeVarUint(poison, top.client)
  encoding.writeVarUint(poison, 1)
  encoding.writeVarUint(poison, top.clock)
  encoding.writeVarUint(poison, 1)
  return { build: Y.encodeStateAsUpdate(doc), poison: encoding.toUint8Array(poison) }
}

function closeCode(client: TestClient): Promise<number> {
  return new Promise((resolve) => {
    const onClose = ({ event }: { event: CloseEvent }) => {
      client.provider.configuration.websocketProvider.off('close', onClose)
      resolve(event.code)
    }
    client.provider.configuration.websocketProvider.on('close', onClose)
  })
}

function countAcknowledgements(socket: WebSocket, name: string): () => number {
  let acks = 0
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarString(decoder) === name && decoding.readVarUint(decoder) === MessageType.SyncStatus)
      acks++
  })
  return () => acks
}

describe('an update whose apply throws', () => {
  it('[H2] is not acknowledged; the document is discarded (4422 to its sockets), loaded again from the store, and keeps saving and broadcasting', async () => {
    const s = await startServer({ env: NO_DEPTH_LIMIT })
    servers.push(s)
    const { owner, meetingId } = await meetingFixture(s.url)
    const name = `meeting/${meetingId}`
    const writer = connectClient(s.wsUrl, name, owner.token)
    const reader = connectClient(s.wsUrl, name, owner.token)
    clients.push(writer, reader)
    await Promise.all([waitForSynced(writer), waitForSynced(reader)])
    typeParagraph(writer.doc, 'before the bad update')
    await waitForAcknowledged(writer)

    const socket = await openRawSocket(s.wsUrl)
    expect(await authenticateRaw(socket, name, owner.token)).toMatchObject({ ok: true })
    const { build, poison } = deepFragmentThenDelete(5_000)
    expect(await sendUpdate(socket, name, build)).toBe(true)
    await waitForDoc(reader, (doc) => doc.getXmlFragment('probe').length === 1, 'the deep fragment')

    const acks = countAcknowledgements(socket, name)
    const closed = whenClosed(socket)
    const writerClosed = closeCode(writer)
    const readerClosed = closeCode(reader)
    socket.send(
      frame(name, MessageType.Sync, (e) => {
        encoding.writeVarUint(e, 2)
        encoding.writeVarUint8Array(e, poison)
      }),
    )
    expect((await closed).code).toBe(CloseCode.updateRejected)
    expect(acks()).toBe(0)
    expect(await writerClosed).toBe(CloseCode.updateRejected)
    expect(await readerClosed).toBe(CloseCode.updateRejected)

    // The providers reconnect to the document loaded again from the store: it saves and broadcasts.
    await Promise.all([waitForSynced(writer), waitForSynced(reader)])
    typeParagraph(writer.doc, 'after the bad update')
    await waitForAcknowledged(writer)
    await waitForDoc(reader, (doc) => paragraphs(doc).includes('after the bad update'), 'the broadcast')

    // What the store holds is what was acknowledged: the fragment whole, never the half-applied delete.
    for (const c of clients.splice(0)) c.destroy()
    socket.terminate()
    await s.close()
    servers.splice(0)
    const again = await startServer({ dataDir: s.dataDir, env: NO_DEPTH_LIMIT })
    servers.push(again)
    const fresh = connectClient(again.wsUrl, name, owner.token)
    clients.push(fresh)
    await waitForSynced(fresh)
    expect(paragraphs(fresh.doc)).toEqual(['before the bad update', 'after the bad update'])
    const probe = fresh.doc.getXmlFragment('probe')
    expect(probe.length).toBe(1)
    expect(probe.get(0)).toBeInstanceOf(Y.XmlElement)
  })
})

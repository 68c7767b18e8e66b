import { CloseCode, DenyReason } from '@confer/model'
import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { meetingFixture } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForDenied,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { paragraphs, typeParagraph } from '../../../test/support/notes.ts'
import { authFrame, frame, MessageType, nextFrameOfType, openRawSocket, whenClosed } from './raw-socket.ts'
import { type RunningServer, startServer } from './test-server.ts'

const MAX_MESSAGE_BYTES = 64 * 1024
let s: RunningServer
let fixture: Awaited<ReturnType<typeof meetingFixture>>
const clients: TestClient[] = []

beforeEach(async () => {
  s = await startServer({ env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) } })
  fixture = await meetingFixture(s.url)
})

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await s.close()
})

function client(name: string, token = fixture.owner.token): TestClient {
  const c = connectClient(s.wsUrl, name, token)
  clients.push(c)
  return c
}

/** After every refusal, the server must still serve a normal meeting end to end. */
async function expectStillServing(): Promise<void> {
  const a = client(`meeting/${fixture.meetingId}`)
  const b = client(`meeting/${fixture.meetingId}`)
  await Promise.all([waitForSynced(a), waitForSynced(b)])
  const line = `still serving ${Math.random()}`
  typeParagraph(a.doc, line)
  await waitForDoc(b, (doc) => paragraphs(doc).includes(line), 'the other client to see the edit')
}

describe('[C1] document names (DESIGN §3 grammar)', () => {
  const badNames = [
    'notes',
    'meeting',
    'meeting/',
    'meeting/abc/notes',
    'meeting/abc/run/x',
    'meeting/has space',
    'meeting/../../etc/passwd',
    `meeting/${'x'.repeat(65)}`,
    'community/abc',
    'community/abc/minutes',
    'Meeting/abc',
  ]

  it.each(badNames)('refuses %j with a reason and loads no document', async (name) => {
    const c = client(name)
    await expect(waitForDenied(c)).resolves.toBe(DenyReason.unknownDocument)
    expect([...s.server.hocuspocus.documents.keys()]).not.toContain(name)
    await expectStillServing()
  })

  it.each([
    ['meeting/<meeting>', false],
    ['meeting/<meeting>/run', true],
    ['community/<community>/charter', false],
    ['community/<community>/plan', false],
  ] as const)('lets the facilitator open %j (read-only: %s)', async (pattern, readOnly) => {
    const name = pattern.replace('<meeting>', fixture.meetingId).replace('<community>', fixture.communityId)
    const c = client(name)
    await waitForSynced(c)
    expect(c.provider.isAuthenticated).toBe(true)
    expect(c.provider.authorizedScope).toBe(readOnly ? 'readonly' : 'read-write')
  })
})

describe('[C2] frames the server cannot use', () => {
  it('closes a socket that sends bytes that are not a Hocuspocus message', async () => {
    const socket = await openRawSocket(s.wsUrl)
    const closed = whenClosed(socket)
    socket.send(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))
    expect((await closed).code).toBeGreaterThanOrEqual(4000)
    await expectStillServing()
  })

  it('[H2] applies, acknowledges and stores nothing of a corrupt Yjs update, closes its socket, and keeps serving', async () => {
    const name = `meeting/${fixture.meetingId}`
    const socket = await openRawSocket(s.wsUrl)
    let acknowledged = false
    void nextFrameOfType(socket, name, MessageType.SyncStatus).then(() => {
      acknowledged = true
    })
    const closed = whenClosed(socket)
    socket.send(authFrame(name, fixture.owner.token))
    // Sync / update (type 2) with a payload that is not a Yjs update.
    socket.send(
      frame(name, MessageType.Sync, (e) => {
        encoding.writeVarUint(e, 2)
        encoding.writeVarUint8Array(e, Uint8Array.from([9, 9, 9, 9, 200, 1, 2, 3]))
      }),
    )
    // Refused before it is applied (H1) or when applying it throws (H2, 4422): never acknowledged.
    expect((await closed).code).toBeGreaterThanOrEqual(4000)
    expect(acknowledged).toBe(false)
    const reader = client(name)
    await waitForSynced(reader)
    expect(paragraphs(reader.doc)).toEqual([])
    await expectStillServing()
  })

  it('closes a socket that sends a text frame', async () => {
    const socket = await openRawSocket(s.wsUrl)
    const closed = whenClosed(socket)
    socket.send('{"hello":"world"}')
    expect(await closed).toEqual({ code: CloseCode.malformedMessage, reason: 'binary frames only' })
    await expectStillServing()
  })

  it('closes a socket that sends a frame over the size limit (1009) and serves others', async () => {
    const socket = await openRawSocket(s.wsUrl)
    const closed = whenClosed(socket)
    socket.send(new Uint8Array(MAX_MESSAGE_BYTES + 1))
    expect((await closed).code).toBe(1009)
    await expectStillServing()
  })
})

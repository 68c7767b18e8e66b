import { addAgendaItem, CloseCode, readAgenda } from '@confer/model'
import fc from 'fast-check'
import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { frame, MessageType } from '../../apps/server/test/raw-socket.ts'
import { type RunningServer, startServer } from '../../apps/server/test/test-server.ts'
import { join, meetingFixture, type Person, signUp } from '../support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../support/collab-clients.ts'
import { applied, DOCUMENTED_CLOSE_CODES, HostileSocket, type Outcome } from './hostile-socket.ts'
import { buildHostileUpdate, clockOf, type HostileEdit, hostileEdit } from './hostile-updates.ts'

/**
 * Property-based fuzzing of the collaboration door against a real server (SPEC C2, H1, H2):
 * whatever a socket sends, before or after authenticating, the server keeps serving the
 * well-behaved clients of the same meeting, answers or closes that socket with a documented
 * code (never leaves it hanging), and keeps nothing it refused. Fixed seed, so CI runs the same
 * cases every time; FUZZ_SEED explores others, CONFER_SOAK=1 runs many more.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_207)
const RUNS = process.env.CONFER_SOAK === '1' ? 400 : 25

// Limits low enough that a few generated cases cross each of them cheaply.
const ENV = {
  MAX_UPDATE_BYTES: String(64 * 1024),
  MAX_UPDATE_ENTRIES: '2000',
  MAX_XML_DEPTH: '32',
  MAX_CONNECTIONS_PER_USER: '1000',
}

let server: RunningServer
let owner: Person
let mallory: Person
let name: string
let watcher: TestClient
let typist: TestClient
let markers = 0

async function startWith(dataDir?: string): Promise<void> {
  server = await startServer({ env: ENV, ...(dataDir ? { dataDir } : {}) })
}

beforeEach(async () => {
  await startWith()
  const fixture = await meetingFixture(server.url)
  owner = fixture.owner
  // A member of the community: as allowed to edit as anyone, and hostile.
  mallory = await signUp(server.url, 'Mallory')
  await join(owner, fixture.communityId, mallory)
  name = `meeting/${fixture.meetingId}`
  watcher = connectClient(server.wsUrl, name, owner.token)
  typist = connectClient(server.wsUrl, name, owner.token)
  await Promise.all([waitForSynced(watcher), waitForSynced(typist)])
})

afterEach(async () => {
  watcher.destroy()
  typist.destroy()
  await server.close()
})

/** A well-behaved person still gets an edit acknowledged and seen by another, within seconds. */
async function stillServesTheMeeting(): Promise<void> {
  const title = `marker ${++markers}`
  addAgendaItem(typist.doc, { title })
  await waitForAcknowledged(typist, 5_000)
  await waitForDoc(watcher, (doc) => readAgenda(doc).some((item) => item.title === title), title)
}

/** The socket was either answered or closed with a code the documentation lists. */
function expectAnsweredOrClosedAsDocumented(outcome: Outcome): void {
  if (outcome.kind === 'silent') throw new Error('the server neither answered nor closed the socket')
  // A Close message of the client's own for the document: the server did as it was asked.
  if (outcome.kind === 'closed in band' && outcome.reason === 'provider_initiated') return
  if (outcome.kind === 'closed in band') {
    throw new Error(
      `the server dropped the socket from the document in band ("${outcome.reason}") and kept it open`,
    )
  }
  if (outcome.kind === 'closed' && !DOCUMENTED_CLOSE_CODES.has(outcome.code)) {
    throw new Error(`closed with undocumented code ${outcome.code} (${outcome.reason})`)
  }
}

const anyName = () =>
  fc.oneof(fc.constant(name), fc.string({ maxLength: 40 }), fc.constant('meeting/unknown'))

/** Frames a broken or hostile client could send: bytes, text, and well-addressed garbage. */
const rawFrame = () =>
  fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.string({ maxLength: 100 }),
    fc
      .record({ to: anyName(), type: fc.nat(12), body: fc.uint8Array({ maxLength: 200 }) })
      .map(({ to, type, body }) => frame(to, type, (e) => encoding.writeUint8Array(e, body))),
    // Sync messages (step 1, step 2, update, and beyond) whose Yjs payload is garbage.
    fc
      .record({ to: anyName(), step: fc.nat(4), body: fc.uint8Array({ maxLength: 200 }) })
      .map(({ to, step, body }) =>
        frame(to, MessageType.Sync, (e) => {
          encoding.writeVarUint(e, step)
          encoding.writeVarUint8Array(e, body)
        }),
      ),
  )

function syncStep1(): Uint8Array {
  return frame(name, MessageType.Sync, (e) => {
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()))
  })
}

function updateFrame(update: Uint8Array): Uint8Array {
  return frame(name, MessageType.Sync, (e) => {
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint8Array(e, update)
  })
}

/** fast-check's replay parameters: a fixed seed, and for a pinned failure its path. */
type Replay = { seed: number; path?: string; numRuns?: number }

function rawFramesBeforeAuthentication(replay: Replay): Promise<void> {
  return fc.assert(
    fc.asyncProperty(fc.array(rawFrame(), { minLength: 1, maxLength: 5 }), async (frames) => {
      const socket = await HostileSocket.open(server.wsUrl)
      try {
        for (const f of frames) socket.send(f)
        // Then what a provider would send: does the server still answer this socket?
        expectAnsweredOrClosedAsDocumented(await socket.authenticate(name, mallory.token))
      } finally {
        socket.terminate()
      }
      await stillServesTheMeeting()
    }),
    { numRuns: RUNS, ...replay },
  )
}

function rawFramesAfterAuthentication(replay: Replay): Promise<void> {
  return fc.assert(
    fc.asyncProperty(fc.array(rawFrame(), { minLength: 1, maxLength: 5 }), async (frames) => {
      const socket = await HostileSocket.open(server.wsUrl)
      try {
        expect((await socket.authenticate(name, mallory.token)).kind).toBe('answered')
        for (const f of frames) socket.send(f)
        const answer = socket.next(name, MessageType.Sync)
        socket.send(syncStep1())
        expectAnsweredOrClosedAsDocumented(await answer)
      } finally {
        socket.terminate()
      }
      await stillServesTheMeeting()
    }),
    { numRuns: RUNS, ...replay },
  )
}

describe('[C2] raw frames', () => {
  it('before authentication: the socket is answered or closed with a documented code; the meeting goes on', async () => {
    await rawFramesBeforeAuthentication({ seed: SEED })
  })

  it('after authentication: the socket is answered or closed with a documented code; the meeting goes on', async () => {
    await rawFramesAfterAuthentication({ seed: SEED })
  })

  // Found by the soak run (400 runs): an authentication frame Hocuspocus cannot read (here an
  // empty name, type Auth, nothing after it) makes Hocuspocus close the socket with its own
  // 4205 "Reset Connection", a code the documentation does not list: C2 wants 4400. The read
  // fails before any Hocuspocus hook runs, so our door reads each pre-authentication frame's
  // head first (socket-limits/auth-frame.ts) and closes with 4400.
  it('regression (seed 20261207, path 37:2:3:3:3): an unreadable authentication frame', async () => {
    await rawFramesBeforeAuthentication({ seed: 20_261_207, path: '37:2:3:3:3', numRuns: 400 })
  })

  // Found by the property above: a Sync frame that ends right after its type (no sync step)
  // throws inside Hocuspocus' message loop, which drops the socket from the document with an
  // in-band Close ("Reset Connection") and keeps the socket open, instead of closing it 4400.
  it('regression (seed 20261207, path 2:0:0:0): a sync frame cut short after its type', async () => {
    await rawFramesAfterAuthentication({ seed: 20_261_207, path: '2:0:0:0' })
  })

  it('a frame that fails to decode inside the message loop closes its socket 4400', async () => {
    const socket = await HostileSocket.open(server.wsUrl)
    try {
      expect((await socket.authenticate(name, mallory.token)).kind).toBe('answered')
      const outcome = socket.next(name, MessageType.Sync)
      socket.send(frame(name, MessageType.Sync, () => {}))
      expect(await outcome).toEqual({
        kind: 'closed',
        code: CloseCode.malformedMessage,
        reason: 'malformed message',
      })
    } finally {
      socket.terminate()
    }
    await stillServesTheMeeting()
  })
})

interface Sent {
  edit: HostileEdit
  clientId: number
  clock: number
  kept: boolean
}

/**
 * Sends each generated update from a fresh socket of Mallory's and records whether the server
 * acknowledged it; then restarts the server on the same data and checks that exactly the
 * acknowledged ones were stored.
 */
async function fuzzHostileUpdates(sendBeforeAuth: boolean): Promise<void> {
  const sent: Sent[] = []
  let nextClient = 4_100_000_000
  await fc.assert(
    fc.asyncProperty(hostileEdit, async (edit) => {
      const clientId = ++nextClient
      const update = buildHostileUpdate(Y.encodeStateAsUpdate(watcher.doc), edit, clientId)
      const socket = await HostileSocket.open(server.wsUrl)
      let outcome: Outcome
      try {
        if (sendBeforeAuth) {
          // Queued by the server until the authentication it follows is through.
          const status = socket.next(name, MessageType.SyncStatus)
          socket.send(updateFrame(update))
          const auth = await socket.authenticate(name, mallory.token)
          outcome = auth.kind === 'answered' ? await status : auth
        } else {
          expect((await socket.authenticate(name, mallory.token)).kind).toBe('answered')
          const status = socket.next(name, MessageType.SyncStatus)
          socket.send(updateFrame(update))
          outcome = await status
        }
        expectAnsweredOrClosedAsDocumented(outcome)
      } finally {
        socket.terminate()
      }
      sent.push({ edit, clientId, clock: clockOf(update, clientId), kept: applied(outcome) })
      await stillServesTheMeeting()
    }),
    { numRuns: RUNS, seed: SEED },
  )

  // What the store holds, as a fresh client sees it after a restart on the same data.
  watcher.destroy()
  typist.destroy()
  const dataDir = server.dataDir
  await server.close()
  await startWith(dataDir)
  watcher = connectClient(server.wsUrl, name, owner.token)
  typist = connectClient(server.wsUrl, name, owner.token)
  await Promise.all([waitForSynced(watcher), waitForSynced(typist)])
  const stored = Y.decodeStateVector(Y.encodeStateVector(watcher.doc))
  const wrong = sent
    .filter((s) => s.clock > 0 && (s.kept ? (stored.get(s.clientId) ?? 0) < s.clock : stored.has(s.clientId)))
    .map((s) => ({ ...s, stored: stored.get(s.clientId) ?? 0 }))
  expect(wrong).toEqual([])
  // The generator reached both sides of the limits.
  expect(sent.some((s) => s.kept)).toBe(true)
  expect(sent.some((s) => !s.kept)).toBe(true)
}

describe('[H1][H2] valid but hostile updates', () => {
  it('after authentication: acknowledged ones are stored, refused ones never are; the meeting goes on', async () => {
    await fuzzHostileUpdates(false)
  })

  it('sent before authentication completes: the same', async () => {
    await fuzzHostileUpdates(true)
  })
})

/**
 * Two server processes (here two instances in this process, each with its own stores, pool and
 * Redis connections) on one PostgreSQL database and one Redis: what a client of one does reaches
 * the clients of the other. Presence, domain events, rate limits and the link's health are in
 * scale-out-events.test.ts; the kill -9 failover with real child processes is in
 * scale-out-failover.test.ts.
 */
import { addAgendaItem, addNorm, readAgenda, readNorms, readRun } from '@confer/model'
import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { meetingFixture } from '../../../test/support/api-client.ts'
import {
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { paragraphs, typeParagraph } from '../../../test/support/notes.ts'
import { until } from '../../../test/support/wait.ts'
import { MessageType, sendUpdate } from './raw-socket.ts'
import { a, b, client, extraServers, linked, rawSocket } from './scale-out-support.ts'

/** The Yjs clients whose structs a frame about `name` carries (a sync step 2 or an update). */
function updateWriters(data: Uint8Array, name: string): number[] {
  const decoder = decoding.createDecoder(data)
  if (decoding.readVarString(decoder) !== name || decoding.readVarUint(decoder) !== MessageType.Sync)
    return []
  if (decoding.readVarUint(decoder) === 0) return []
  const update = decoding.readVarUint8Array(decoder)
  return Y.decodeUpdate(update).structs.map((struct) => struct.id.client)
}

/** Whether two documents hold the same updates (the same clock for every client). */
function sameState(x: Y.Doc, y: Y.Doc): boolean {
  const [sx, sy] = [Y.decodeStateVector(Y.encodeStateVector(x)), Y.decodeStateVector(Y.encodeStateVector(y))]
  return sx.size === sy.size && [...sx].every(([client, clock]) => sy.get(client) === clock)
}

const hasParagraph = (text: string) => (doc: Y.Doc) => paragraphs(doc).includes(text)

describe('documents across processes', () => {
  it('[R1] an edit on one process reaches the clients of both; the sender is not sent it back', async () => {
    const { owner, meetingId } = await meetingFixture(a.url)
    const name = `meeting/${meetingId}`
    const onA = client(a, name, owner.token)
    const onB = client(b, name, owner.token)
    await Promise.all([onA, onB].map((c) => waitForSynced(c)))

    typeParagraph(onA.doc, 'from A')
    await waitForDoc(onB, hasParagraph('from A'), 'the client on B to get the edit made on A')
    typeParagraph(onB.doc, 'from B')
    await waitForDoc(onA, hasParagraph('from B'), 'the client on A to get the edit made on B')
    await Promise.all([onA, onB].map((c) => waitForAcknowledged(c)))
    expect(paragraphs(onA.doc)).toEqual(paragraphs(onB.doc))
  })

  it('[R1][D5] a sender on one process is not sent its own update back, through Redis or otherwise', async () => {
    const { owner, meetingId } = await meetingFixture(a.url)
    const name = `meeting/${meetingId}`
    const sender = await rawSocket(a, name, owner.token)
    const writers = new Set<number>()
    sender.on('message', (data: Buffer) => {
      for (const client of updateWriters(new Uint8Array(data), name)) writers.add(client)
    })
    const neighbour = client(a, name, owner.token)
    const onB = client(b, name, owner.token)
    await Promise.all([neighbour, onB].map((c) => waitForSynced(c)))

    const mine = new Y.Doc()
    mine.getText('probe').insert(0, 'from a raw socket')
    expect(await sendUpdate(sender, name, Y.encodeStateAsUpdate(mine))).toBe(true)
    const arrived = (doc: Y.Doc) => doc.getText('probe').toString() === 'from a raw socket'
    await waitForDoc(onB, arrived, 'the client on B to get the raw update')
    await waitForDoc(neighbour, arrived, 'the other client on A to get it')
    // Something after it that the sender must get: B's edit, which went through Redis too.
    onB.doc.getText('probe').insert(0, 'B: ')
    await until(
      () => writers.has(onB.doc.clientID),
      (recheck) => {
        sender.on('message', recheck)
        return () => sender.off('message', recheck)
      },
      'the sender to get the edit made on B',
    )
    expect(writers.has(mine.clientID)).toBe(false)
  })

  it('[R1] agenda, notes and charter edited on both processes at once converge', async () => {
    const { owner, communityId, meetingId } = await meetingFixture(a.url)
    const meeting = `meeting/${meetingId}`
    const charter = `community/${communityId}/charter`
    const [meetingA, meetingB, charterA, charterB] = [
      client(a, meeting, owner.token),
      client(b, meeting, owner.token),
      client(a, charter, owner.token),
      client(b, charter, owner.token),
    ]
    await Promise.all([meetingA, meetingB, charterA, charterB].map((c) => waitForSynced(c)))
    for (let i = 0; i < 10; i++) {
      typeParagraph(meetingA.doc, `a ${i}`)
      typeParagraph(meetingB.doc, `b ${i}`)
    }
    addAgendaItem(meetingA.doc, { title: 'Item from A' })
    addAgendaItem(meetingB.doc, { title: 'Item from B' })
    addNorm(charterA.doc, 'Norm from A')
    addNorm(charterB.doc, 'Norm from B')
    const converged = (x: TestClient, y: TestClient) => {
      const same = () => sameState(x.doc, y.doc)
      return until(
        same,
        (recheck) => {
          x.doc.on('update', recheck)
          y.doc.on('update', recheck)
          return () => {
            x.doc.off('update', recheck)
            y.doc.off('update', recheck)
          }
        },
        'both processes’ clients to hold the same document',
      )
    }
    await Promise.all([converged(meetingA, meetingB), converged(charterA, charterB)])
    expect(paragraphs(meetingA.doc)).toEqual(paragraphs(meetingB.doc))
    expect(paragraphs(meetingA.doc)).toHaveLength(20)
    expect(readAgenda(meetingB.doc).map((item) => item.title)).toEqual(
      readAgenda(meetingA.doc).map((item) => item.title),
    )
    expect(readAgenda(meetingA.doc).map((item) => item.title)).toEqual(
      expect.arrayContaining(['Item from A', 'Item from B']),
    )
    expect(
      readNorms(charterB.doc)
        .map((n) => n.text)
        .sort(),
    ).toEqual(['Norm from A', 'Norm from B'])
    expect(readNorms(charterA.doc)).toEqual(readNorms(charterB.doc))
  })

  it('[R1][D1] an edit reaches the other process at once, yet its sender is acknowledged only after its own process commits it', async () => {
    const held: (() => void)[] = []
    const holding = await linked({}, { scheduleCommit: (commit: () => void) => held.push(commit) })
    extraServers.push(holding)
    const { owner, meetingId } = await meetingFixture(b.url)
    const name = `meeting/${meetingId}`
    const sender = client(holding, name, owner.token)
    const reader = client(b, name, owner.token)
    await Promise.all([sender, reader].map((c) => waitForSynced(c)))
    // Loading committed nothing of the sender's yet: let whatever the load scheduled go.
    for (const commit of held.splice(0)) commit()

    typeParagraph(sender.doc, 'held back')
    await waitForDoc(reader, hasParagraph('held back'), 'the other process’ client to get the edit')
    expect(sender.provider.hasUnsyncedChanges).toBe(true)
    expect(held.length).toBeGreaterThan(0)

    for (const commit of held.splice(0)) commit()
    await waitForAcknowledged(sender)
  })

  it('[R1] a server-side edit (a facilitator’s run action over REST) reaches the clients of the other process', async () => {
    const { owner, meetingId } = await meetingFixture(a.url)
    const run = client(b, `meeting/${meetingId}/run`, owner.token)
    await waitForSynced(run)
    const started = await owner.api.post(`/api/meetings/${meetingId}/run`, {
      action: 'start',
      protocolId: 'tuning',
    })
    expect(started.status).toBe(200)
    await waitForDoc(
      run,
      (doc) => readRun(doc).state === 'running',
      'the run on B to show the round A started',
    )
    expect(readRun(run.doc)).toMatchObject({ protocolId: 'tuning', step: 0 })
    const paused = await owner.api.post(`/api/meetings/${meetingId}/run`, { action: 'pause' })
    expect(paused.status).toBe(200)
    await waitForDoc(run, (doc) => readRun(doc).state === 'paused', 'the run on B to show the pause')
  })

  it('[R1] a document opened on one process while the other has unsaved changes in memory shows them', async () => {
    const { owner, meetingId } = await meetingFixture(a.url)
    const name = `meeting/${meetingId}`
    const writer = client(a, name, owner.token)
    await waitForSynced(writer)
    typeParagraph(writer.doc, 'written on A')
    await waitForAcknowledged(writer)
    // B loads it now: from the store and from A.
    const reader = client(b, name, owner.token)
    await waitForSynced(reader)
    expect(paragraphs(reader.doc)).toContain('written on A')
  })
})

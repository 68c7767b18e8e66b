/**
 * The set-up the action-item tests share (actions-sync, my-actions): one server, a facilitator and
 * a member, a community per test, and the SQLite action index read directly. Importing it
 * registers the hooks in the importing file.
 */
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { readActions } from '@confer/model'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import type * as Y from 'yjs'
import { createCommunity, join, type Person, signUp } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { until } from '../../../test/support/wait.ts'
import { DATABASE_FILE } from '../src/stores/sqlite/database.ts'
import { type RunningServer, startServer } from './test-server.ts'
export const HOUR = 3_600_000
export const DAY = 24 * HOUR

export let s: RunningServer
export let db: DatabaseSync
export let facilitator: Person
export let member: Person
export const clients: TestClient[] = []

beforeAll(async () => {
  s = await startServer()
  db = new DatabaseSync(path.join(s.dataDir, DATABASE_FILE))
  facilitator = await signUp(s.url, 'Fatima Facilitator')
  member = await signUp(s.url, 'Marcus Member')
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(async () => {
  db.close()
  await s.close()
})

/** A community of its own per test: "the next meeting" depends on every meeting in it. */
export async function team(name = 'Grade 5 team', members: Person[] = [member]): Promise<string> {
  const communityId = await createCommunity(facilitator, name)
  for (const person of members) await join(facilitator, communityId, person, 'member')
  return communityId
}

export async function schedule(
  communityId: string,
  startsAt: number,
  title = 'Weekly meeting',
): Promise<string> {
  const res = await facilitator.api.post<{ meeting: { id: string } }>(
    `/api/communities/${communityId}/meetings`,
    {
      title,
      startsAt: new Date(startsAt).toISOString(),
      durationMinutes: 60,
    },
  )
  expect(res.status).toBe(201)
  return res.body.meeting.id
}

export async function open(meetingId: string, who: Person = member): Promise<Y.Doc> {
  const c = connectClient(s.wsUrl, `meeting/${meetingId}`, who.token)
  clients.push(c)
  await waitForSynced(c)
  return c.doc
}

export const clientOf = (doc: Y.Doc) => clients.find((c) => c.doc === doc) as TestClient
export const acknowledged = (doc: Y.Doc) => waitForAcknowledged(clientOf(doc))
export const item = (doc: Y.Doc, id: string) => readActions(doc).find((a) => a.id === id)

export interface IndexRow {
  action_id: string
  text: string
  owner_id: string | null
  due: string | null
  done: number
}

/** The action index of one meeting, as the server last wrote it. */
export function indexOf(meetingId: string): IndexRow[] {
  return db
    .prepare('SELECT action_id, text, owner_id, due, done FROM action_items WHERE meeting_id = ?')
    .all(meetingId) as unknown as IndexRow[]
}

/** Resolves once the meeting's index satisfies `check`, re-checking as each meeting is indexed. */
export function indexed(
  meetingId: string,
  check: (rows: IndexRow[]) => boolean,
  what: string,
): Promise<void> {
  const events = s.server.services.events
  return until(
    () => check(indexOf(meetingId)),
    (recheck) => {
      events.on('actionsIndexed', recheck)
      return () => events.off('actionsIndexed', recheck)
    },
    what,
  )
}

/** Everything the server has to propagate, carry and index, done (before asserting an absence). */
export const quiet = () => s.server.services.actions.settled()

/** A member of another community of a network the host community belongs to. */
export async function networkGuest(hostCommunity: string): Promise<Person> {
  const otherFacilitator = await signUp(s.url, 'Visiting facilitator')
  const otherCommunity = await createCommunity(otherFacilitator, 'Roosevelt math')
  const network = await facilitator.api.post<{ network: { id: string } }>('/api/networks', {
    name: 'District math network',
    communityId: hostCommunity,
  })
  const invite = await facilitator.api.post<{ code: string }>(
    `/api/networks/${network.body.network.id}/invites`,
  )
  await otherFacilitator.api.post(`/api/network-invites/${invite.body.code}/accept`, {
    communityId: otherCommunity,
  })
  const guest = await signUp(s.url, 'Guest teacher')
  await join(otherFacilitator, otherCommunity, guest, 'member')
  return guest
}

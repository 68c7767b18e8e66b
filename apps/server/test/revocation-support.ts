/**
 * The set-up the revocation tests share (revocation, revocation-guests): one server, two schools'
 * communities in one network with a meeting open to its guests, raw sockets closed after each
 * test, and ways to connect, be refused and change stored rows. Importing it registers the hooks
 * in the importing file.
 */
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import type WebSocket from 'ws'
import {
  createCommunity,
  createMeeting,
  join,
  type Person,
  signUp,
} from '../../../test/support/api-client.ts'
import { DATABASE_FILE } from '../src/stores/sqlite/database.ts'
import { authenticateRaw, openRawSocket } from './raw-socket.ts'
import { type RunningServer, startServer } from './test-server.ts'

export let s: RunningServer
export let n: Network
const sockets: WebSocket[] = []

beforeAll(async () => {
  s = await startServer()
  n = await networkFixture()
})
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close()
})
afterAll(() => s.close())

/** Changes stored rows directly, as time, another device or another server instance would. */
export function withDatabase<T>(work: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(path.join(s.dataDir, DATABASE_FILE))
  try {
    return work(db)
  } finally {
    db.close()
  }
}

/** A raw socket authenticated to `documentName` with a bearer token, or the session cookie. */
export async function connect(
  documentName: string,
  credential: { token: string } | { cookie: string },
): Promise<WebSocket> {
  const socket =
    'cookie' in credential
      ? await openRawSocket(s.wsUrl, { origin: s.url, cookie: credential.cookie })
      : await openRawSocket(s.wsUrl)
  sockets.push(socket)
  const outcome = await authenticateRaw(socket, documentName, 'token' in credential ? credential.token : '')
  expect(outcome).toMatchObject({ ok: true })
  return socket
}

export async function refusal(documentName: string, token: string): Promise<string | null> {
  const socket = await openRawSocket(s.wsUrl)
  sockets.push(socket)
  const outcome = await authenticateRaw(socket, documentName, token)
  return outcome.ok ? null : outcome.reason
}

export interface Network {
  hostFacilitator: Person
  homeFacilitator: Person
  hostCommunity: string
  homeCommunity: string
  networkId: string
  meetingId: string
}

/**
 * Two schools' communities in one network, and a meeting the host opened to the network's
 * members as writers.
 */
export async function networkFixture(): Promise<Network> {
  const [hostFacilitator, homeFacilitator] = await Promise.all([
    signUp(s.url, 'Host facilitator'),
    signUp(s.url, 'Home facilitator'),
  ])
  const hostCommunity = await createCommunity(hostFacilitator, 'Lincoln math')
  const homeCommunity = await createCommunity(homeFacilitator, 'Roosevelt math')
  const meetingId = await createMeeting(hostFacilitator, hostCommunity, 'Targeted networking')
  const network = await hostFacilitator.api.post<{ network: { id: string } }>('/api/networks', {
    name: 'District math network',
    communityId: hostCommunity,
  })
  const invite = await hostFacilitator.api.post<{ code: string }>(
    `/api/networks/${network.body.network.id}/invites`,
  )
  const accepted = await homeFacilitator.api.post(`/api/network-invites/${invite.body.code}/accept`, {
    communityId: homeCommunity,
  })
  expect(accepted.status).toBe(200)
  const opened = await hostFacilitator.api.put(`/api/meetings/${meetingId}/network-access`, {
    guestRole: 'member',
  })
  expect(opened.status).toBe(200)
  return {
    hostFacilitator,
    homeFacilitator,
    hostCommunity,
    homeCommunity,
    networkId: network.body.network.id,
    meetingId,
  }
}

/** A member of the home community only: in the host's meeting as a network guest. */
export async function newGuest(n: Network): Promise<Person> {
  const guest = await signUp(s.url, 'Guest teacher')
  await join(n.homeFacilitator, n.homeCommunity, guest, 'member')
  return guest
}

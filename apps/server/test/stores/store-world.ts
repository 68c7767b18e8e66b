import { randomUUID } from 'node:crypto'
import type { AccountStore } from '../../src/stores/account-store.ts'
import type { CommunityStore } from '../../src/stores/community-store.ts'
import type { MeetingRecord, MeetingStore } from '../../src/stores/meeting-store.ts'

/**
 * The stores a contract suite needs besides the one it tests, to make the rows that one refers
 * to (people, communities, meetings) through the stores' own interfaces, so the suite runs
 * unchanged on every engine. Each call makes new ids: tests share a database and never clean up.
 */
export interface StoreWorld {
  accounts: AccountStore
  communities: CommunityStore
  meetings: MeetingStore
}

export async function aPerson(world: StoreWorld, name = 'Ada'): Promise<string> {
  const id = randomUUID()
  const inserted = await world.accounts.insertUser({
    id,
    email: `${id}@example.test`,
    name,
    passwordHash: 'not-a-real-hash',
    createdAt: Date.UTC(2030, 0, 1),
  })
  if (!inserted) throw new Error('the test person was not inserted')
  return id
}

/** A community with `facilitatorId` as its facilitator. */
export async function aCommunity(
  world: StoreWorld,
  facilitatorId: string,
  name = 'Grade 4',
): Promise<string> {
  const id = randomUUID()
  await world.communities.insertCommunity(
    { id, name, focus: '', createdAt: Date.UTC(2030, 0, 1) },
    facilitatorId,
  )
  return id
}

export async function aMeeting(
  world: StoreWorld,
  communityId: string,
  fields: Partial<Omit<MeetingRecord, 'id' | 'communityId'>> = {},
): Promise<MeetingRecord> {
  const meeting: MeetingRecord = {
    id: randomUUID(),
    communityId,
    title: 'Weekly planning',
    startsAt: Date.UTC(2030, 2, 4, 15),
    durationMinutes: 60,
    networkGuestRole: null,
    createdAt: Date.UTC(2030, 0, 1),
    seriesId: null,
    cancelledAt: null,
    sharesPlan: false,
    ...fields,
  }
  await world.meetings.insertMeeting(meeting)
  return meeting
}

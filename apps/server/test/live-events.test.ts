/**
 * The live event stream, GET /api/events (SPEC U1-U3): who hears what, for how long, at what
 * cost, and across processes. The changes it announces are made as in meeting-changes.test.ts.
 */
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { LiveEventType } from '@confer/api'
import { afterAll, describe, expect, it } from 'vitest'
import {
  ApiClient,
  createCommunity,
  createMeeting,
  join,
  type Person,
  signUp,
} from '../../../test/support/api-client.ts'
import { type EventStreamReader, type LiveEvent, openEventStream } from '../../../test/support/live-events.ts'
import { freshDatabase, freshRedis } from '../../../test/support/services/fresh.ts'
import { hashSecret } from '../src/services/secrets.ts'
import { DATABASE_FILE } from '../src/stores/sqlite/database.ts'
import { f, networkGuestOf, patch, s, schedule } from './meeting-changes-support.ts'
import { startServer } from './test-server.ts'

const streams: EventStreamReader[] = []

// Registered after the shared set-up's hooks, so it runs before the server is closed.
afterAll(() => {
  for (const stream of streams) stream.close()
})

/** Opens a stream that is closed after the file's tests. */
async function stream(person: Person | ApiClient): Promise<EventStreamReader> {
  const opened = await openEventStream(person instanceof ApiClient ? person : person.api)
  streams.push(opened)
  return opened
}

const about =
  (type: LiveEventType, meetingId: string) =>
  (event: LiveEvent): boolean =>
    event.type === type && event.meetingId === meetingId

describe('[U1] live events reach the people allowed to know, ids only', () => {
  it('U1: a member and an observer hear a meeting scheduled, renamed and cancelled; an outsider does not', async () => {
    const [member, observer, outsider] = await Promise.all([
      stream(f.member),
      stream(f.observer),
      stream(f.outsider),
    ])
    expect(member.status).toBe(200)
    expect(member.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(member.headers.get('x-content-type-options')).toBe('nosniff')

    const meeting = await schedule(f.facilitator, f.communityId)
    const created = await member.next(about('meetings', meeting.id))
    expect(created).toEqual({ type: 'meetings', communityId: f.communityId, meetingId: meeting.id })
    await observer.next(about('meetings', meeting.id))

    await patch(f.facilitator, meeting.id, { title: 'Renamed' })
    await patch(f.facilitator, meeting.id, { cancelled: true })
    await expect.poll(() => member.events.filter(about('meetings', meeting.id)).length).toBe(3)

    // The outsider's own community's news arrives; nothing of Math PLC came before it.
    const own = await schedule(f.outsider, f.outsiderCommunityId)
    await outsider.next(about('meetings', own.id))
    expect(outsider.events).toEqual([
      { type: 'meetings', communityId: f.outsiderCommunityId, meetingId: own.id },
    ])
  })

  it('U1: attendance and re-indexed action items are announced to the community', async () => {
    const meeting = await schedule(f.facilitator, f.communityId)
    const member = await stream(f.member)
    const marked = await f.facilitator.api.put(`/api/meetings/${meeting.id}/attendance`, {
      userId: f.member.id,
      present: true,
    })
    expect(marked.status).toBe(200)
    expect(await member.next(about('attendance', meeting.id))).toEqual({
      type: 'attendance',
      communityId: f.communityId,
      meetingId: meeting.id,
    })
    await s.server.services.meetings.indexActions(meeting.id, [])
    await member.next(about('actions', meeting.id))
  })

  it("U1: a network guest hears of the meeting they were let into, not of the community's others nor its attendance", async () => {
    const meeting = await schedule(f.facilitator, f.communityId)
    const guest = await networkGuestOf(f.facilitator, f.communityId, meeting.id)
    const guestStream = await stream(guest)
    const member = await stream(f.member)

    const other = await schedule(f.facilitator, f.communityId)
    await member.next(about('meetings', other.id))
    await f.facilitator.api.put(`/api/meetings/${meeting.id}/attendance`, {
      userId: f.member.id,
      present: true,
    })
    await member.next(about('attendance', meeting.id))
    await patch(f.facilitator, meeting.id, { title: 'Targeted networking' })
    await guestStream.next(about('meetings', meeting.id))
    // (Its document being stored re-indexes its action items: an `actions` event guests get too.)
    expect(guestStream.events.filter((e) => e.type !== 'actions')).toEqual([
      { type: 'meetings', communityId: f.communityId, meetingId: meeting.id },
    ])
  })

  it('U1: someone who leaves the community hears nothing more of it, on the stream they had open', async () => {
    const leaver = await signUp(s.url, 'Leaver')
    await join(f.facilitator, f.communityId, leaver, 'member')
    const leaverStream = await stream(leaver)
    const first = await schedule(f.facilitator, f.communityId)
    await leaverStream.next(about('meetings', first.id))

    expect((await leaver.api.delete(`/api/communities/${f.communityId}/members/${leaver.id}`)).status).toBe(
      204,
    )
    const member = await stream(f.member)
    const second = await schedule(f.facilitator, f.communityId)
    await member.next(about('meetings', second.id))
    // A community of their own still reaches the same stream, after (so not instead of) the second.
    const own = await createCommunity(leaver, 'Leaver team')
    const ownMeeting = await createMeeting(leaver, own)
    await leaverStream.next(about('meetings', ownMeeting))
    const meetings = leaverStream.events.filter((e) => e.type === 'meetings')
    expect(meetings.map((e) => e.meetingId)).toEqual([first.id, ownMeeting])
  })
})

describe('[U2] a stream lasts as long as its credential and its server', () => {
  it('U2: logging out ends the streams the session opened; a bearer token from it is revoked with it', async () => {
    const person = await signUp(s.url, 'Logs out')
    const byCookie = await stream(person)
    const bearer = new ApiClient(s.url, { origin: null })
    bearer.bearer = person.token
    const byToken = await stream(bearer)
    const bystander = await signUp(s.url, 'Stays')
    const stays = await stream(bystander)

    expect((await person.api.post('/api/auth/logout')).status).toBe(204)
    await byCookie.ended
    await byToken.ended
    expect(byCookie.comments).toContain('closed: credential revoked')
    // Reconnecting with the dead credential is refused.
    const again = await openEventStream(bearer)
    expect(again).toMatchObject({ status: 401, error: { error: 'unauthenticated' } })
    // Others' streams are untouched.
    const meeting = await createMeeting(bystander, await createCommunity(bystander))
    await stays.next(about('meetings', meeting))
  })

  it('U2: a stream ends when the credential it opened with expires', async () => {
    const person = await signUp(s.url, 'Expires')
    const db = new DatabaseSync(path.join(s.dataDir, DATABASE_FILE))
    try {
      db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(
        Date.now() + 1_000,
        hashSecret(person.token),
      )
    } finally {
      db.close()
    }
    const bearer = new ApiClient(s.url, { origin: null })
    bearer.bearer = person.token
    const expiring = await stream(bearer)
    expect(expiring.status).toBe(200)
    await expiring.ended
    expect(expiring.comments).toContain('closed: credential expired')
  })

  it('U2: stopping the server ends every stream before it stops accepting', async () => {
    const own = await startServer()
    const person = await signUp(own.url, 'Stays late')
    const open = await openEventStream(person.api)
    expect(open.status).toBe(200)
    const closing = own.close()
    await open.ended
    expect(open.comments).toContain('closed: server stopping')
    await closing
  })
})

describe('[U3] what a stream may cost', () => {
  it('U3: one stream more than MAX_EVENT_STREAMS_PER_USER is 429; closing one makes room', async () => {
    const own = await startServer({ env: { MAX_EVENT_STREAMS_PER_USER: '2' } })
    try {
      const person = await signUp(own.url, 'Many tabs')
      const first = await openEventStream(person.api)
      const second = await openEventStream(person.api)
      expect([first.status, second.status]).toEqual([200, 200])
      const third = await openEventStream(person.api)
      expect(third).toMatchObject({ status: 429, error: { error: 'too_many_requests' } })
      // Someone else is not counted against them.
      const other = await openEventStream((await signUp(own.url, 'One tab')).api)
      expect(other.status).toBe(200)

      first.close()
      await first.ended
      await expect
        .poll(async () => {
          const retry = await openEventStream(person.api)
          retry.close()
          return retry.status
        })
        .toBe(200)
      second.close()
      other.close()
    } finally {
      await own.close()
    }
  })

  it('U3: an idle stream gets a heartbeat comment every EVENT_HEARTBEAT_MS', async () => {
    const own = await startServer({ env: { EVENT_HEARTBEAT_MS: '50' } })
    try {
      const reader = await openEventStream((await signUp(own.url, 'Idle tab')).api)
      await reader.nextComment((c) => c === 'heartbeat')
      expect(reader.comments[0]).toBe('connected')
      reader.close()
    } finally {
      await own.close()
    }
  })
})

describe('[U1][R2] several processes', () => {
  it('U1: a change made through one process reaches streams on the other; a logout there ends them', async () => {
    const database = await freshDatabase()
    const redis = freshRedis()
    const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix }
    const a = await startServer({ env })
    const b = await startServer({ env })
    try {
      const facilitator = await signUp(a.url, 'On A')
      const member = await signUp(a.url, 'On B')
      const communityId = await createCommunity(facilitator)
      await join(facilitator, communityId, member, 'member')
      const meetingId = await createMeeting(facilitator, communityId)
      const onB = new ApiClient(b.url)
      onB.cookie = member.api.cookie
      const reader = await stream(onB)
      expect(reader.status).toBe(200)

      expect((await patch(facilitator, meetingId, { cancelled: true })).status).toBe(200)
      expect(await reader.next(about('meetings', meetingId))).toEqual({
        type: 'meetings',
        communityId,
        meetingId,
      })
      expect((await member.api.post('/api/auth/logout')).status).toBe(204)
      await reader.ended
    } finally {
      await a.close()
      await b.close()
      await redis.clear()
      await database.drop()
    }
  })
})

/**
 * A network guest's access ends with their home community (SPEC A10, A6): removed from it, leaving
 * it, or their community taken out of the network closes their guest sockets at once; a role
 * change at home does not.
 */
import { CloseCode, DenyReason } from '@confer/model'
import { describe, expect, it } from 'vitest'
import { authenticateRaw, whenClosed } from './raw-socket.ts'
import { connect, n, networkFixture, newGuest, refusal, s, withDatabase } from './revocation-support.ts'

describe('[A10] a network guest loses the meeting with their home community', () => {
  it('[A10] a guest removed from their home community is disconnected from every meeting they joined through it, at once', async () => {
    const guest = await newGuest(n)
    const notes = await connect(`meeting/${n.meetingId}`, { token: guest.token })
    const run = await connect(`meeting/${n.meetingId}/run`, { token: guest.token })
    const closes = [whenClosed(notes), whenClosed(run)]

    const removedAt = Date.now()
    const removed = await n.homeFacilitator.api.delete(
      `/api/communities/${n.homeCommunity}/members/${guest.id}`,
    )
    expect(removed.status).toBe(204)
    for (const closed of await Promise.all(closes)) expect(closed.code).toBe(CloseCode.accessChanged)
    expect(Date.now() - removedAt).toBeLessThan(1_000)
    expect(await refusal(`meeting/${n.meetingId}`, guest.token)).toBe(DenyReason.unknownDocument)
  })

  it('[A10] a guest who leaves their home community is disconnected at once', async () => {
    const guest = await newGuest(n)
    const notes = await connect(`meeting/${n.meetingId}`, { cookie: guest.api.cookie ?? '' })
    const closed = whenClosed(notes)

    const left = await guest.api.delete(`/api/communities/${n.homeCommunity}/members/${guest.id}`)
    expect(left.status).toBe(204)
    expect((await closed).code).toBe(CloseCode.accessChanged)
    expect(await refusal(`meeting/${n.meetingId}`, guest.token)).toBe(DenyReason.unknownDocument)
  })

  it('[A6] a guest whose home role changes keeps the guest connection (access is re-checked, not guessed)', async () => {
    const guest = await newGuest(n)
    const notes = await connect(`meeting/${n.meetingId}`, { token: guest.token })
    const lowered = await n.homeFacilitator.api.patch(
      `/api/communities/${n.homeCommunity}/members/${guest.id}`,
      {
        role: 'observer',
      },
    )
    expect(lowered.status).toBe(200)
    // The guest role comes from the meeting, not the home community: still a writer there. A
    // second connection after the change proves the re-check had its turn.
    expect(await authenticateRaw(notes, `meeting/${n.meetingId}/run`, guest.token)).toMatchObject({
      ok: true,
    })
    expect(notes.readyState).toBe(notes.OPEN)
  })

  it('[A6] a community taken out of the network closes its members’ guest sockets', async () => {
    const own = await networkFixture()
    const guest = await newGuest(own)
    const notes = await connect(`meeting/${own.meetingId}`, { token: guest.token })
    const closed = whenClosed(notes)
    // No REST route takes a community out of a network yet: change the store and announce it,
    // as the service that does so will.
    withDatabase((db) =>
      db
        .prepare('DELETE FROM network_communities WHERE network_id = ? AND community_id = ?')
        .run(own.networkId, own.homeCommunity),
    )
    s.server.services.events.emit('networkChanged', { networkId: own.networkId })
    expect((await closed).code).toBe(CloseCode.accessChanged)
    expect(await refusal(`meeting/${own.meetingId}`, guest.token)).toBe(DenyReason.unknownDocument)
  })
})

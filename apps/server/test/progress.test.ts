import type { CommunityProgress, NormsTrend } from '@confer/api'
import { type ActionStamps, addAction, addEvidence, addGoal, moveStage } from '@confer/model'
import { describe, expect, it } from 'vitest'
import { connectClient, waitForAcknowledged, waitForSynced } from '../../../test/support/collab-clients.ts'
import {
  acknowledged,
  clients,
  DAY,
  facilitator,
  HOUR,
  indexed,
  member,
  open,
  quiet,
  s,
  schedule,
  team,
} from './actions-support.ts'

/** Issue 28: what a community's progress page is drawn from (SPEC PR1–PR3). */

/** The Monday (UTC) of the week `at` falls in, as the charts label weeks. */
function mondayOf(at: number): string {
  const d = new Date(at)
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
  return new Date(midnight - ((d.getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10)
}

async function progressOf(communityId: string): Promise<CommunityProgress> {
  const res = await member.api.get<CommunityProgress>(`/api/communities/${communityId}/progress`)
  expect(res.status).toBe(200)
  return res.body
}

/** The community's plan document, open on the member's own socket. */
async function openPlan(communityId: string) {
  const c = connectClient(s.wsUrl, `community/${communityId}/plan`, member.token)
  clients.push(c)
  await waitForSynced(c)
  return c
}

const stamped = (at: number): ActionStamps => ({ text: at, ownerId: at, due: at, done: at })

describe('progress of a community', () => {
  it('[PR1] a goal gets a point per dated value of its evidence, oldest first; the cycle and its moves come along', async () => {
    const communityId = await team('Plan team')
    const empty = await progressOf(communityId)
    expect(empty).toMatchObject({ goals: [], cycle: null, timeline: [] })

    const plan = await openPlan(communityId)
    const reading = addGoal(plan.doc, { statement: 'Grow reading fluency', target: '80% at benchmark' })
    const writing = addGoal(plan.doc, { statement: 'Write with evidence', target: '3 of 4 on the rubric' })
    if (!reading || !writing) throw new Error('the goals were refused')
    // Logged out of order; one without a value and one for no goal are no points.
    addEvidence(plan.doc, { date: '2030-03-20', goalId: reading, tried: 'Paired reading', value: 61 })
    addEvidence(plan.doc, { date: '2030-02-06', goalId: reading, tried: 'Baseline', value: 48 })
    addEvidence(plan.doc, { date: '2030-02-27', goalId: reading, tried: 'Notes only', showed: 'Engaged' })
    addEvidence(plan.doc, { date: '2030-03-01', goalId: null, tried: 'Staff survey', value: 7 })
    addEvidence(plan.doc, { date: '2030-03-20', goalId: reading, tried: 'Second class', value: 64.5 })
    moveStage(plan.doc, 'assess', '2030-01-15')
    moveStage(plan.doc, 'plan', '2030-02-01')
    await waitForAcknowledged(plan)

    const progress = await progressOf(communityId)
    expect(progress.goals).toEqual([
      {
        id: reading,
        statement: 'Grow reading fluency',
        target: '80% at benchmark',
        points: [
          { date: '2030-02-06', value: 48 },
          { date: '2030-03-20', value: 61 },
          { date: '2030-03-20', value: 64.5 },
        ],
      },
      { id: writing, statement: 'Write with evidence', target: '3 of 4 on the rubric', points: [] },
    ])
    expect(progress.cycle).toEqual({ stage: 'plan', since: '2030-02-01' })
    expect(progress.timeline).toEqual([
      { stage: 'assess', since: '2030-01-15' },
      { stage: 'plan', since: '2030-02-01' },
    ])
  })

  it('[PR3] counts meetings held (started, not cancelled) and upcoming (not started, not cancelled)', async () => {
    const communityId = await team('Meetings team')
    const now = Date.now()
    await schedule(communityId, now - 14 * DAY, 'Held two weeks ago')
    await schedule(communityId, now - HOUR, 'Started an hour ago')
    const cancelledPast = await schedule(communityId, now - 7 * DAY, 'Called off last week')
    await schedule(communityId, now + 7 * DAY, 'Next week')
    const cancelledFuture = await schedule(communityId, now + 14 * DAY, 'Called off ahead')
    for (const id of [cancelledPast, cancelledFuture]) {
      expect((await facilitator.api.patch(`/api/meetings/${id}`, { cancelled: true })).status).toBe(200)
    }
    expect((await progressOf(communityId)).meetings).toEqual({ held: 2, upcoming: 1 })
  })

  it('[PR2] counts each action item once, open or done, and per week when it was opened and ticked', async () => {
    const communityId = await team('Actions team')
    const now = Date.now()
    const first = await schedule(communityId, now - 21 * DAY, 'Three weeks ago')
    const second = await schedule(communityId, now - 14 * DAY, 'Two weeks ago')
    const next = await schedule(communityId, now + 7 * DAY, 'Next week')

    const firstDoc = await open(first)
    // Ticked more than a week after their meetings: counted in the week ticked, not the meeting's.
    const tickedEarly = now - 12 * DAY
    // Still open: carried into next week's meeting too, and counted once.
    const carried = addAction(firstDoc, { text: 'Share the rubric' }, undefined, stamped(now - 21 * DAY))
    addAction(firstDoc, { text: 'Book the library', done: true }, undefined, stamped(tickedEarly))
    await acknowledged(firstDoc)
    const secondDoc = await open(second)
    const tickedLater = now - 5 * DAY
    const survey = addAction(
      secondDoc,
      { text: 'Send the survey', done: true },
      undefined,
      stamped(tickedLater),
    )
    await acknowledged(secondDoc)
    await indexed(second, (rows) => rows.some((r) => r.action_id === survey), 'the done item to be indexed')
    await indexed(next, (rows) => rows.some((r) => r.action_id === carried), 'the open item to be carried')
    await quiet()

    const progress = await progressOf(communityId)
    expect(progress.actions).toEqual({ open: 1, done: 2 })
    const weeks = new Map<string, { opened: number; done: number }>()
    const count = (at: number, key: 'opened' | 'done') => {
      const week = weeks.get(mondayOf(at)) ?? { opened: 0, done: 0 }
      week[key]++
      weeks.set(mondayOf(at), week)
    }
    count(now - 21 * DAY, 'opened')
    count(now - 21 * DAY, 'opened')
    count(now - 14 * DAY, 'opened')
    count(tickedEarly, 'done')
    count(tickedLater, 'done')
    // Every week from the first to this one, the quiet ones included.
    const expected = []
    for (let at = now - 21 * DAY; mondayOf(at) <= mondayOf(now); at += 7 * DAY) {
      expected.push({ week: mondayOf(at), opened: 0, done: 0, ...weeks.get(mondayOf(at)) })
    }
    expect(progress.actionsByWeek).toEqual(expected)
  })

  it('[PR1] carries the norms-check trend the charter page shows', async () => {
    const communityId = await team('Norms team')
    const starter = await facilitator.api.post(`/api/communities/${communityId}/charter/starter`, {
      starterId: 'starter-essentials',
    })
    expect(starter.status).toBe(204)
    const meetingId = await schedule(communityId, Date.now() - DAY, 'Yesterday')
    const check = await member.api.get<{ norms: { normId: string }[] }>(
      `/api/meetings/${meetingId}/norms-check`,
    )
    const ratings = check.body.norms.map((n, i) => ({ normId: n.normId, rating: 1 + (i % 5) }))
    expect((await member.api.put(`/api/meetings/${meetingId}/norms-check`, { ratings })).status).toBe(200)

    const trend = await member.api.get<NormsTrend>(`/api/communities/${communityId}/norms-trend`)
    const { normsTrend } = await progressOf(communityId)
    expect(normsTrend.length).toBe(ratings.length)
    expect(normsTrend).toEqual(trend.body.norms)
  })
})

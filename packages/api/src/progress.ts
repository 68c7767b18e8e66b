import type { NormsTrend } from './charter.ts'

/** A stage of the improvement cycle (DESIGN §3, `community/<id>/plan`). */
export type CycleStage = 'assess' | 'plan' | 'learn' | 'act' | 'evidence' | 'reflect'

/** One goal's progress line: a point per dated evidence value, oldest first. */
export interface GoalProgress {
  id: string
  statement: string
  target: string
  points: { date: string; value: number }[]
}

/** Action items first recorded and closed in one week (`week`: its Monday, `YYYY-MM-DD`, UTC). */
export interface ActionWeek {
  week: string
  opened: number
  done: number
}

/**
 * `GET /api/communities/:id/progress` (DESIGN §3, SPEC PR1–PR3): what a team has done toward its
 * goals. `timeline`, `actionsByWeek` and `normsTrend` extend the contract's shape.
 */
export interface CommunityProgress {
  goals: GoalProgress[]
  cycle: { stage: CycleStage; since: string } | null
  /** Every move of the cycle's stage, oldest first (the plan document's timeline). */
  timeline: { stage: CycleStage; since: string }[]
  /** Held: started and not cancelled; upcoming: not started and not cancelled. */
  meetings: { held: number; upcoming: number }
  actions: { open: number; done: number }
  actionsByWeek: ActionWeek[]
  normsTrend: NormsTrend['norms']
}

/** `GET /api/networks/:id/progress`: each community linked to the network, by name. */
export interface NetworkProgress {
  network: { id: string; name: string }
  communities: { id: string; name: string; progress: CommunityProgress }[]
}

/** `POST /api/networks/:id/sponsor-invites`: a link that makes whoever accepts it a sponsor. */
export interface SponsorInvite {
  code: string
  expiresAt: string
}

/** `POST /api/network-invites/:code/accept` with no body, for a sponsor invitation. */
export interface AcceptedSponsorInvite {
  network: { id: string; name: string }
  sponsor: true
}

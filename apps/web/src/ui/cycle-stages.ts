import type { CycleStage } from '@confer/api'

/** The improvement cycle's stages in order, as people read them (DESIGN §3 `cycle.stage`). */
export const CYCLE_STAGE_ORDER: readonly CycleStage[] = [
  'assess',
  'plan',
  'learn',
  'act',
  'evidence',
  'reflect',
]

export const CYCLE_STAGE_LABELS: Record<CycleStage, string> = {
  assess: 'Assess',
  plan: 'Plan',
  learn: 'Learn',
  act: 'Act',
  evidence: 'Gather evidence',
  reflect: 'Reflect',
}

/** What the team does in each stage, in one line. */
export const CYCLE_STAGE_HINTS: Record<CycleStage, string> = {
  assess: 'Look at data to see what our students need.',
  plan: 'Set a goal we can measure and choose what to try.',
  learn: 'Learn the strategy together before trying it.',
  act: 'Try the strategy in our classrooms.',
  evidence: 'Collect student work and numbers from the strategy.',
  reflect: 'Look back at what worked, then start again.',
}

import type { NewAgendaItem } from './agenda.ts'
import type { CycleStage } from './plan-shape.ts'
import { STAGE_TEMPLATES } from './plan-templates.ts'

/** A reusable agenda. Built-in ones ship with Confer; communities save their own. */
export interface AgendaTemplate {
  id: string
  name: string
  description: string
  /** The improvement-cycle stage this template is for (SPEC PL4), if any. */
  stage?: CycleStage
  items: readonly NewAgendaItem[]
}

/** Starting points a team can pick in a minute; every item is optional and quick to delete. */
export const BUILT_IN_TEMPLATES: readonly AgendaTemplate[] = [
  {
    id: 'builtin-weekly',
    name: 'Weekly team meeting',
    description: 'Check in, revisit last week’s commitments, one focus topic, and agree next steps.',
    items: [
      { title: 'Check-in and norms', minutes: 5 },
      { title: 'Action items from last time', minutes: 10 },
      { title: 'Focus topic', minutes: 25 },
      { title: 'Next steps and owners', minutes: 10 },
      { title: 'How did we keep our norms?', minutes: 5 },
    ],
  },
  {
    id: 'builtin-student-work',
    name: 'Looking at student work',
    description:
      'One teacher brings samples; the team describes before it interprets, then names next moves.',
    items: [
      { title: 'Norms and roles', minutes: 5 },
      { title: 'The presenting teacher sets the context', minutes: 5 },
      { title: 'Describe what we see, without judging', minutes: 10 },
      { title: 'What is the student working on?', minutes: 10 },
      { title: 'Implications for our teaching', minutes: 15 },
      { title: 'Reflect on the conversation', minutes: 5 },
    ],
  },
  {
    id: 'builtin-data',
    name: 'Data meeting',
    description: 'From a shared data set to a small, testable change in practice.',
    items: [
      { title: 'What question are we asking of the data?', minutes: 5 },
      { title: 'Observations: facts only', minutes: 10 },
      { title: 'Inferences and possible causes', minutes: 10 },
      { title: 'Which students need what next?', minutes: 15 },
      { title: 'Our change, and how we will know it worked', minutes: 10 },
    ],
  },
  {
    id: 'builtin-unit-planning',
    name: 'Planning a unit',
    description: 'Start from the learning goals and the evidence, then plan the lessons.',
    items: [
      { title: 'Learning goals and standards', minutes: 10 },
      { title: 'What will count as evidence of learning?', minutes: 15 },
      { title: 'Common assessment', minutes: 15 },
      { title: 'Lesson sequence and who drafts what', minutes: 15 },
      { title: 'Supports and extensions', minutes: 5 },
    ],
  },
  ...STAGE_TEMPLATES,
]

export function builtInTemplate(id: string): AgendaTemplate | undefined {
  return BUILT_IN_TEMPLATES.find((t) => t.id === id)
}

/** The built-in template for a stage of the cycle (SPEC PL4). */
export function stageTemplate(stage: CycleStage): AgendaTemplate | undefined {
  return STAGE_TEMPLATES.find((t) => t.stage === stage)
}

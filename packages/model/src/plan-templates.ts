import type { AgendaTemplate } from './templates.ts'

/**
 * One meeting template per stage of the improvement cycle (SPEC PL4). Items that work on the
 * plan carry a `planLink` (goals, cycle or evidence), so the meeting page can open that part of
 * the plan beside the notes. Built-in like the others: scheduling from one is
 * `POST /api/communities/:id/meetings {templateId}`.
 */
export const STAGE_TEMPLATES: readonly AgendaTemplate[] = [
  {
    id: 'builtin-stage-assess',
    stage: 'assess',
    name: 'Look at data',
    description: 'Start the cycle from what our students’ data shows, before deciding what to work on.',
    items: [
      { title: 'Where the cycle stands', minutes: 5, planLink: 'cycle' },
      { title: 'Look at the data together (ATLAS)', minutes: 45, protocolId: 'atlas' },
      { title: 'Which need matters most for our students?', minutes: 5, planLink: 'goals' },
      { title: 'Log what the data showed', minutes: 5, planLink: 'evidence' },
    ],
  },
  {
    id: 'builtin-stage-plan',
    stage: 'plan',
    name: 'Plan the next cycle',
    description: 'Turn the need we found into a goal we can measure, and choose what to try.',
    items: [
      { title: 'Our goals: still the right ones?', minutes: 10, planLink: 'goals' },
      { title: 'Write the goal: statement, measure, target, due date', minutes: 15, planLink: 'goals' },
      { title: 'Which school or district goal does it serve?', minutes: 5, planLink: 'goals' },
      { title: 'The strategy we will try, and what we need to learn', minutes: 15 },
      { title: 'Move the cycle on and name owners', minutes: 5, planLink: 'cycle' },
    ],
  },
  {
    id: 'builtin-stage-learn',
    stage: 'learn',
    name: 'Learn a strategy together',
    description: 'Build what we need to know before we try the strategy in our classrooms.',
    items: [
      { title: 'What our goal asks us to learn', minutes: 5, planLink: 'goals' },
      { title: 'Study the strategy: a reading, a video or a colleague’s lesson', minutes: 25 },
      { title: 'How each of us will try it', minutes: 15 },
      { title: 'Next steps and owners', minutes: 5, planLink: 'cycle' },
    ],
  },
  {
    id: 'builtin-stage-act',
    stage: 'act',
    name: 'Check in on the strategy',
    description: 'Share how the strategy is going in each classroom and adjust it together.',
    items: [
      { title: 'Where the cycle stands', minutes: 5, planLink: 'cycle' },
      { title: 'How it went in each classroom', minutes: 20 },
      { title: 'What we will adjust', minutes: 10 },
      { title: 'Evidence to gather before we meet again', minutes: 10, planLink: 'evidence' },
    ],
  },
  {
    id: 'builtin-stage-evidence',
    stage: 'evidence',
    name: 'Look at the evidence',
    description: 'Bring student work and numbers from the strategy, and record what they show.',
    items: [
      { title: 'Evidence gathered since last time', minutes: 10, planLink: 'evidence' },
      {
        title: 'Look at one student’s work (Collaborative Assessment Conference)',
        minutes: 50,
        protocolId: 'cac',
      },
      { title: 'What it shows about our goal', minutes: 10, planLink: 'goals' },
      { title: 'Log the evidence and its numbers', minutes: 5, planLink: 'evidence' },
    ],
  },
  {
    id: 'builtin-stage-reflect',
    stage: 'reflect',
    name: 'Reflect on the cycle',
    description: 'Look back at the goals and their progress, say what we learned, and start again.',
    items: [
      { title: 'Our goals and their progress lines', minutes: 10, planLink: 'goals' },
      { title: 'What worked, what did not, and why', minutes: 15, planLink: 'evidence' },
      { title: 'What we learned as a team', minutes: 10 },
      { title: 'Keep the goal, change it, or set a new one', minutes: 10, planLink: 'goals' },
      { title: 'Start the next cycle', minutes: 5, planLink: 'cycle' },
    ],
  },
]

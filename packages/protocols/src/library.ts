import type { Protocol, Step } from './protocol.ts'

/**
 * Shorthand for the tables below; every prompt is written in our own words. `range` is the
 * minutes DESIGN §4 allows for the step (a team's copy stays within it); without one the step
 * takes exactly `minutes`.
 */
function step(
  title: string,
  minutes: number,
  speaker: Step['speaker'],
  prompt: string,
  options: { presenterSilent?: boolean; perMember?: boolean; range?: [min: number, max: number] } = {},
): Step {
  const [min, max] = options.range ?? [minutes, minutes]
  return {
    title,
    minutes,
    range: { min, max },
    speaker,
    prompt,
    presenterSilent: options.presenterSilent ?? false,
    perMember: options.perMember ?? false,
  }
}

/** The built-in protocol library (DESIGN §4). Teams copy and adapt any of these. */
export const PROTOCOLS: readonly Protocol[] = [
  {
    id: 'tuning',
    name: 'Tuning Protocol',
    purpose:
      'Refine a piece of work (a lesson, a task, an assessment) with warm and cool feedback from colleagues.',
    steps: [
      step(
        'Introduction',
        5,
        'facilitator',
        'Name the goals, walk through the steps and remind everyone of the norms.',
        { range: [5, 10] },
      ),
      step(
        'Presentation',
        15,
        'presenter',
        'Share the work, its context, and the one question you want help with.',
        { range: [15, 20] },
      ),
      step(
        'Clarifying questions',
        5,
        'participants',
        'Ask quick factual questions with short answers. Save the deeper ones.',
      ),
      step('Examine the work', 15, 'everyone', 'Look at the work in silence and note what you notice.', {
        presenterSilent: true,
      }),
      step('Pause', 2, 'everyone', 'Choose the feedback you most want to offer, one warm and one cool.', {
        range: [2, 3],
      }),
      step(
        'Warm and cool feedback',
        10,
        'participants',
        'Warm: what seems to work toward the goal. Cool: gaps and questions the work raises. The presenter only listens.',
        { presenterSilent: true, range: [10, 15] },
      ),
      step(
        'Presenter reflection',
        10,
        'presenter',
        'Respond to what you heard that matters to you. No need to answer everything.',
        { range: [10, 15] },
      ),
      step(
        'Debrief',
        10,
        'everyone',
        'How did the protocol go? What helped the conversation, and what would we change?',
      ),
    ],
  },
  {
    id: 'consultancy',
    name: 'Consultancy',
    purpose: 'Think together about a dilemma a colleague is facing, to widen the ways they can see it.',
    steps: [
      step(
        'Frame the dilemma',
        5,
        'presenter',
        'Describe the dilemma and end with the question you want the group to think about.',
        { range: [5, 10] },
      ),
      step('Clarifying questions', 5, 'participants', 'Ask for facts you need to understand the situation.'),
      step(
        'Probing questions',
        10,
        'participants',
        'Ask open questions that help the presenter think more deeply.',
      ),
      step(
        'Discussion',
        15,
        'participants',
        'Talk about the dilemma among yourselves, as if the presenter were not in the room. The presenter listens and takes notes.',
        { presenterSilent: true },
      ),
      step('Presenter response', 5, 'presenter', 'Share what struck you and what you might try next.'),
      step('Debrief', 5, 'everyone', 'How did the conversation serve the presenter?'),
    ],
  },
  {
    id: 'atlas',
    name: 'ATLAS: Looking at Data',
    purpose:
      'Move from what a data set shows to what it means for our teaching, without jumping to conclusions.',
    steps: [
      step(
        'Getting started',
        5,
        'facilitator',
        'Introduce the data and how it was gathered. Agree to describe before we interpret.',
      ),
      step(
        'Describe the data',
        10,
        'participants',
        'Only what you can see: numbers, patterns, surprises. No explanations yet.',
      ),
      step(
        'Interpret the data',
        10,
        'participants',
        'What might explain what we see? What does it suggest about students’ learning?',
      ),
      step(
        'Implications for practice',
        10,
        'participants',
        'What could we do differently in our classrooms, and what would we watch for?',
      ),
      step('Reflect', 10, 'everyone', 'How did looking at data this way go for us?'),
    ],
  },
  {
    id: 'final-word',
    name: 'Final Word',
    purpose:
      'Explore a text through each person’s chosen passage, where everyone listens before the chooser speaks last.',
    steps: [
      step('Share a passage', 3, 'each', 'Read the passage you chose and say why it matters to you.', {
        perMember: true,
        range: [1, 3],
      }),
      step('Responses', 3, 'participants', 'Each other person responds to the passage in about a minute.', {
        perMember: true,
        range: [1, 10],
      }),
      step('Final word', 1, 'each', 'The person who chose the passage has the final word.', {
        perMember: true,
      }),
      step('Debrief', 5, 'everyone', 'What did we learn from hearing each other this way?'),
    ],
  },
  {
    id: 'success-analysis',
    name: 'Success Analysis',
    purpose: 'Look closely at what made something work, so we can do it again on purpose.',
    steps: [
      step(
        'Write it up',
        5,
        'everyone',
        'Each person writes briefly about a practice that went well, and why it mattered.',
        { range: [5, 10] },
      ),
      step('Tell the story', 5, 'each', 'Share your success story with the group.', { perMember: true }),
      step('Clarifying questions', 3, 'participants', 'Ask quick questions about the story.', {
        perMember: true,
      }),
      step(
        'Analysis',
        5,
        'participants',
        'What made this work? Name the conditions and moves that led to success. The storyteller listens.',
        { presenterSilent: true, perMember: true, range: [5, 10] },
      ),
      step('Debrief', 5, 'everyone', 'Which of these moves can we use across our classrooms?'),
    ],
  },
  {
    id: 'charrette',
    name: 'Charrette',
    purpose: 'Get unstuck on work in progress with a quick burst of fresh thinking from colleagues.',
    steps: [
      step('Present the work', 5, 'presenter', 'Show the work where it stands.'),
      step('Clarifying questions', 5, 'participants', 'Ask what you need to know to help.'),
      step('State the need', 2, 'presenter', 'Say exactly where you are stuck and what help you want.'),
      step(
        'Critical-friends discussion',
        10,
        'participants',
        'Build on each other’s ideas to meet the stated need. The presenters listen, then may rejoin when they are ready.',
        { presenterSilent: true },
      ),
      step('Summary', 5, 'presenter', 'Summarise what you will take back to the work.'),
      step('Debrief', 5, 'everyone', 'Did we help with the need that was stated?', { range: [5, 10] }),
    ],
  },
  {
    id: 'cac',
    name: 'Collaborative Assessment Conference',
    purpose: 'Look at one student’s work in depth to understand the student’s thinking, before judging it.',
    steps: [
      step('Look silently', 10, 'everyone', 'Study the work in silence. Note what you see.', {
        presenterSilent: true,
      }),
      step('Describe', 10, 'participants', 'Say only what you see, without judging quality.', {
        presenterSilent: true,
      }),
      step('Raise questions', 5, 'participants', 'What questions does the work raise for you?', {
        presenterSilent: true,
      }),
      step(
        'What is the student working on?',
        5,
        'participants',
        'Speculate about what the student was trying to figure out or do.',
        { presenterSilent: true },
      ),
      step('Presenting teacher responds', 5, 'presenter', 'Share the context and respond to what you heard.'),
      step('Implications', 10, 'everyone', 'What does this suggest for teaching this student, and others?'),
      step('Reflect', 5, 'everyone', 'How did this way of looking at student work go?'),
    ],
  },
  {
    id: 'chalk-talk',
    name: 'Chalk Talk',
    purpose: 'A silent conversation in writing, so every voice is on the board before anyone speaks.',
    steps: [
      step(
        'Silent writing',
        15,
        'everyone',
        'Write responses to the central question and to each other’s writing. No talking.',
        { range: [10, 20] },
      ),
      step('Find patterns', 5, 'everyone', 'Read the whole board. What themes and tensions do you see?'),
      step('Round-robin share', 5, 'each', 'Each person names one thing that stands out.', {
        perMember: true,
      }),
      step('Debrief', 5, 'everyone', 'What did writing first make possible?'),
    ],
  },
  {
    id: 'microlabs',
    name: 'Microlabs',
    purpose: 'Short, equal turns of listening and speaking on questions that matter to the group.',
    steps: [
      step('First question', 2, 'each', 'Each person answers the first question while the others listen.', {
        perMember: true,
        range: [1, 2],
      }),
      step('Second question', 2, 'each', 'Each person answers the second question while the others listen.', {
        perMember: true,
        range: [1, 2],
      }),
      step('Third question', 2, 'each', 'Each person answers the third question while the others listen.', {
        perMember: true,
        range: [1, 2],
      }),
      step('Reflection', 5, 'everyone', 'What did you hear across the answers?'),
    ],
  },
  {
    id: 'text-rendering',
    name: 'Text Rendering',
    purpose: 'Find the heart of a text together, one sentence, phrase and word at a time.',
    steps: [
      step('Sentence round', 1, 'each', 'Share a sentence that matters to you.', {
        perMember: true,
        range: [1, 2],
      }),
      step('Phrase round', 1, 'each', 'Share a phrase that matters to you.', {
        perMember: true,
        range: [1, 2],
      }),
      step('Word round', 1, 'each', 'Share a single word that matters to you.', {
        perMember: true,
        range: [1, 2],
      }),
      step('Discussion', 10, 'everyone', 'What do the sentences, phrases and words say about the text?'),
      step('Debrief', 5, 'everyone', 'How did this way of reading work for us?'),
    ],
  },
]

export function builtInProtocol(id: string): Protocol | undefined {
  return PROTOCOLS.find((p) => p.id === id)
}

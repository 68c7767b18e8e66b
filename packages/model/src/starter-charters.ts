/** Starter sets of norms, in our own words, so a new team has a charter to edit in a minute. */
export interface StarterCharter {
  id: string
  name: string
  norms: readonly string[]
}

export const STARTER_CHARTERS: readonly StarterCharter[] = [
  {
    id: 'starter-essentials',
    name: 'The essentials',
    norms: [
      'We start and end on time.',
      'We are fully present: devices away unless we are using them for the work.',
      'We assume good intentions and speak to ideas, not people.',
      'What is said here stays here; what is learned here leaves here.',
      'Every voice is heard before any voice is heard twice.',
    ],
  },
  {
    id: 'starter-student-work',
    name: 'Looking at student work',
    norms: [
      'We describe before we judge.',
      'We talk about the work and the learning, never about the student’s worth.',
      'We hold the presenting teacher’s question at the centre.',
      'We are hard on the problem and soft on the people.',
    ],
  },
  {
    id: 'starter-inquiry',
    name: 'Inquiry and data',
    norms: [
      'We ground claims in evidence and say when we are guessing.',
      'We stay curious when the data surprise us.',
      'We commit to one small change at a time and report back.',
      'We share what did not work as readily as what did.',
    ],
  },
]

export function starterCharter(id: string): StarterCharter | undefined {
  return STARTER_CHARTERS.find((c) => c.id === id)
}

import {
  LIMITS,
  minutesError,
  type Protocol,
  type ProtocolBody,
  type Step,
} from '../protocols/protocol-types.ts'

/** A protocol being edited: steps carry a local key so focus follows a step when it moves. */
export interface StepDraft extends Omit<Step, 'minutes'> {
  key: number
  /** As typed; checked on save. */
  minutes: string
}

export interface ProtocolDraft {
  name: string
  purpose: string
  steps: StepDraft[]
}

/** Field errors: `name`, `purpose`, `steps`, and `step.<key>.<field>`. */
export type DraftErrors = Record<string, string>

let nextKey = 1
export const stepKey = (): number => nextKey++

export function emptyStep(): StepDraft {
  return {
    key: stepKey(),
    title: '',
    minutes: '5',
    speaker: 'everyone',
    presenterSilent: false,
    perMember: false,
    prompt: '',
  }
}

export function draftFrom(
  protocol: Pick<Protocol, 'name' | 'purpose' | 'steps'>,
  copy: boolean,
): ProtocolDraft {
  return {
    name: copy ? `${protocol.name} (our version)`.slice(0, LIMITS.name) : protocol.name,
    purpose: protocol.purpose,
    steps: protocol.steps.map((step) => ({ ...step, key: stepKey(), minutes: String(step.minutes) })),
  }
}

export const emptyDraft = (): ProtocolDraft => ({ name: '', purpose: '', steps: [emptyStep()] })

/** The same rules as the server's ProtocolSchema, worded for the form. */
export function validate(draft: ProtocolDraft): { body: ProtocolBody | null; errors: DraftErrors } {
  const errors: DraftErrors = {}
  const name = draft.name.trim()
  if (!name) errors.name = 'Give the protocol a name.'
  else if (name.length > LIMITS.name) errors.name = `Use at most ${LIMITS.name} characters.`
  const purpose = draft.purpose.trim()
  if (purpose.length > LIMITS.purpose) errors.purpose = `Use at most ${LIMITS.purpose} characters.`
  if (draft.steps.length === 0) errors.steps = 'A protocol needs at least one step.'
  if (draft.steps.length > LIMITS.maxSteps) errors.steps = `Use at most ${LIMITS.maxSteps} steps.`

  const steps: Step[] = draft.steps.map((step) => {
    const at = `step.${step.key}`
    const title = step.title.trim()
    if (!title) errors[`${at}.title`] = 'Give the step a title.'
    else if (title.length > LIMITS.stepTitle)
      errors[`${at}.title`] = `Use at most ${LIMITS.stepTitle} characters.`
    const minutes = Number(step.minutes)
    const minutesWrong = minutesError(step.minutes, step.range)
    if (minutesWrong) errors[`${at}.minutes`] = minutesWrong
    const prompt = step.prompt.trim()
    if (prompt.length > LIMITS.prompt) errors[`${at}.prompt`] = `Use at most ${LIMITS.prompt} characters.`
    return {
      title,
      minutes,
      ...(step.range ? { range: step.range } : {}),
      speaker: step.speaker,
      presenterSilent: step.presenterSilent,
      perMember: step.perMember,
      prompt,
    }
  })
  if (Object.keys(errors).length > 0) return { body: null, errors }
  return { body: { name, purpose, steps }, errors }
}

/** "about 40 minutes", or "about 10 minutes plus 5 per person" with steps taken in turns. */
export function durationText(draft: ProtocolDraft): string {
  let fixed = 0
  let perPerson = 0
  for (const step of draft.steps) {
    const minutes = Number(step.minutes) || 0
    if (step.perMember) perPerson += minutes
    else fixed += minutes
  }
  if (perPerson === 0) return `about ${fixed} minutes`
  return fixed === 0
    ? `about ${perPerson} minutes per person`
    : `about ${fixed} minutes plus ${perPerson} per person`
}

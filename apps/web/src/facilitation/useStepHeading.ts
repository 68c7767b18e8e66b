import type { AgendaItem } from '@confer/model'
import { currentStep } from './current-step.ts'
import { roundItemId } from './round-item.ts'
import { useRunContext } from './useRunContext.ts'
import { useRunDocument } from './useRunDocument.ts'

/** The step a live round is on, and the agenda item whose notes its feedback belongs in. */
export interface StepHeading {
  itemId: string
  title: string
}

const NOBODY: readonly string[] = []

/** Null unless a protocol round is running or paused on a step this page can name. */
export function useStepHeading(meetingId: string, agenda: readonly AgendaItem[]): StepHeading | null {
  const round = useRunDocument(meetingId)
  const run = round?.run ?? null
  const speakers = round?.speakers ?? NOBODY
  const { protocol } = useRunContext(meetingId, run?.protocolId ?? null, speakers, run?.presenterId ?? null)
  const current = run ? currentStep(run, protocol, speakers) : null
  const itemId = current ? roundItemId(agenda, run?.protocolId ?? null) : null
  return current && itemId ? { itemId, title: current.step.title } : null
}

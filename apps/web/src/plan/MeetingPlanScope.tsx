import type { AgendaItem, PlanSnapshot } from '@confer/model'
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react'
import type * as Y from 'yjs'
import { useCollabSession } from '../collab/useCollabSession.ts'
import { useDocumentAccess } from '../collab/useDocumentAccess.ts'
import { planDocumentName, usePlan } from './usePlanDocument.ts'

/** The community's plan as a meeting page holds it, for the tools beside each agenda item (SPEC PL6). */
export type MeetingPlan =
  /** Network guests never open the plan (the server would refuse them). */
  | { state: 'unavailable' }
  /** Not opened yet: nothing on the agenda points at the plan. */
  | { state: 'closed'; open: () => void }
  | { state: 'loading' }
  | { state: 'open'; doc: Y.Doc; plan: PlanSnapshot; writable: boolean }

const MeetingPlanContext = createContext<MeetingPlan>({ state: 'unavailable' })

export const useMeetingPlan = (): MeetingPlan => useContext(MeetingPlanContext)

interface Props {
  communityId: string
  /** False for network guests. */
  enabled: boolean
  agenda: readonly AgendaItem[]
  children: ReactNode
}

/**
 * Opens the plan document beside a meeting only when it is wanted: an agenda item points at a
 * goal or a part of the plan (stage templates do), or someone asks to link an item. A meeting
 * with nothing to do with the plan costs no extra connection.
 */
export function MeetingPlanScope({ communityId, enabled, agenda, children }: Props) {
  const [asked, setAsked] = useState(false)
  const linked = agenda.some((item) => item.goalId !== null || item.planLink !== null)
  const closed = useMemo<MeetingPlan>(() => ({ state: 'closed', open: () => setAsked(true) }), [])
  if (!enabled) return children
  if (!asked && !linked)
    return <MeetingPlanContext.Provider value={closed}>{children}</MeetingPlanContext.Provider>
  return <OpenPlan communityId={communityId}>{children}</OpenPlan>
}

function OpenPlan({ communityId, children }: { communityId: string; children: ReactNode }) {
  const session = useCollabSession(planDocumentName(communityId))
  const access = useDocumentAccess(session)
  const plan = usePlan(session?.doc ?? null)
  const value = useMemo<MeetingPlan>(() => {
    if (access.state === 'refused') return { state: 'unavailable' }
    if (!session || access.state === 'pending') return { state: 'loading' }
    return { state: 'open', doc: session.doc, plan, writable: !access.readOnly }
  }, [session, access, plan])
  return <MeetingPlanContext.Provider value={value}>{children}</MeetingPlanContext.Provider>
}

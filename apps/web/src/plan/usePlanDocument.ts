import { formatDocumentName, type PlanSnapshot, readPlan } from '@confer/model'
import { useEffect, useMemo, useState } from 'react'
import type * as Y from 'yjs'
import { colorFor } from '../collab/color.ts'
import type { CollabSession, DocumentAccess } from '../collab/session.ts'
import { type PresenceUser, useAwarenessUser } from '../collab/useAwarenessUser.ts'
import { useCollabSession } from '../collab/useCollabSession.ts'
import { useDocumentAccess } from '../collab/useDocumentAccess.ts'
import { useMe } from '../session/useSession.ts'

export const planDocumentName = (communityId: string) => formatDocumentName({ kind: 'plan', communityId })

export interface PlanDocument {
  session: CollabSession | null
  access: DocumentAccess
  user: PresenceUser
  /** The server's copy has arrived, so an empty plan really is empty. */
  synced: boolean
}

/** The community's shared plan document (`community/<id>/plan`), opened like the charter. */
export function usePlanDocument(communityId: string): PlanDocument {
  const me = useMe()
  const session = useCollabSession(planDocumentName(communityId))
  const user = useMemo(
    () => ({ id: me.user.id, name: me.user.name, color: colorFor(me.user.id) }),
    [me.user.id, me.user.name],
  )
  useAwarenessUser(session, user)
  const access = useDocumentAccess(session)
  const synced = useServerSynced(session)
  return { session, access, user, synced }
}

function useServerSynced(session: CollabSession | null): boolean {
  const [synced, setSynced] = useState(false)
  useEffect(() => {
    if (!session) return
    const update = () => setSynced(session.provider.isSynced)
    update()
    session.provider.on('synced', update)
    return () => {
      session.provider.off('synced', update)
    }
  }, [session])
  return synced && session !== null
}

const EMPTY: PlanSnapshot = { goals: [], cycle: null, evidence: [], timeline: [] }

/** The plan as it stands, read again on every change (local or remote). */
export function usePlan(doc: Y.Doc | null): PlanSnapshot {
  const [plan, setPlan] = useState<PlanSnapshot>(() => (doc ? readPlan(doc) : EMPTY))
  useEffect(() => {
    if (!doc) {
      setPlan(EMPTY)
      return
    }
    const update = () => setPlan(readPlan(doc))
    update()
    doc.on('update', update)
    return () => doc.off('update', update)
  }, [doc])
  return plan
}

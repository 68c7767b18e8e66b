import { formatDocumentName } from '@confer/model'
import { useEffect, useRef } from 'react'
import { useCollabSession } from '../collab/useCollabSession.ts'

/** A burst of typing in the plan is one fetch of the progress, this long after it stops. */
const SETTLE_MS = 600

/**
 * For people who may read the plan document (members and observers, not sponsors): follows it
 * live and calls `onChange` once a burst of changes settles, so goal lines and the cycle's stage
 * on a progress page move as the team edits the plan. Renders nothing.
 */
export function PlanWatcher({ communityId, onChange }: { communityId: string; onChange: () => void }) {
  const session = useCollabSession(formatDocumentName({ kind: 'plan', communityId }))
  const latest = useRef(onChange)
  useEffect(() => {
    latest.current = onChange
  })
  useEffect(() => {
    if (!session) return
    let timer: ReturnType<typeof setTimeout> | null = null
    const onUpdate = () => {
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = null
        latest.current()
      }, SETTLE_MS)
    }
    session.doc.on('update', onUpdate)
    return () => {
      session.doc.off('update', onUpdate)
      if (timer !== null) clearTimeout(timer)
    }
  }, [session])
  return null
}

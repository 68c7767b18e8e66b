import { formatDocumentName } from '@confer/model'
import { useEffect, useMemo, useState } from 'react'
import { colorFor } from '../collab/color.ts'
import type { CollabSession, DocumentAccess } from '../collab/session.ts'
import { type PresenceUser, useAwarenessUser } from '../collab/useAwarenessUser.ts'
import { useCollabSession } from '../collab/useCollabSession.ts'
import { useDocumentAccess } from '../collab/useDocumentAccess.ts'
import { useMe } from '../session/useSession.ts'

export interface CharterDocument {
  session: CollabSession | null
  access: DocumentAccess
  user: PresenceUser
  /** The server's copy has arrived, so an empty charter really is empty. */
  synced: boolean
}

export const charterDocumentName = (communityId: string) =>
  formatDocumentName({ kind: 'charter', communityId })

/** The community's shared charter document, opened like the meeting notes. */
export function useCharterDocument(communityId: string): CharterDocument {
  const me = useMe()
  const session = useCollabSession(charterDocumentName(communityId))
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

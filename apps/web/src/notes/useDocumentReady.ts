import { isMeetingEmpty } from '@confer/model'
import { useEffect, useState } from 'react'
import type { CollabSession } from '../collab/session.ts'

export interface DocumentReadiness {
  /** Something trustworthy to show: the server's copy, or a non-empty copy kept on this device. */
  ready: boolean
  /** The server's copy has arrived at least once, so an empty agenda really is empty. */
  fromServer: boolean
}

function readiness(session: CollabSession, serverSynced: boolean): DocumentReadiness {
  const { local, doc } = session
  return { ready: serverSynced || (local.synced && !isMeetingEmpty(doc)), fromServer: serverSynced }
}

export function useDocumentReady(session: CollabSession): DocumentReadiness {
  const [state, setState] = useState(() => readiness(session, session.provider.isSynced))
  useEffect(() => {
    let serverSynced = session.provider.isSynced
    const update = () => {
      const next = readiness(session, serverSynced)
      setState((prev) => (prev.ready === next.ready && prev.fromServer === next.fromServer ? prev : next))
    }
    const onServerSynced = () => {
      serverSynced = true
      update()
    }
    session.provider.on('synced', onServerSynced)
    session.local.on('synced', update)
    update()
    return () => {
      session.provider.off('synced', onServerSynced)
      session.local.off('synced', update)
    }
  }, [session])
  return state
}

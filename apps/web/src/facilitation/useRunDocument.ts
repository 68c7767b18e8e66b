import { type RunState, readRun, readSpeakers } from '@confer/model'
import { useEffect, useState } from 'react'
import type { ConnectionState } from '../collab/connection-state.ts'
import type { CollabSession, DocumentAccess } from '../collab/session.ts'
import { useCollabSession } from '../collab/useCollabSession.ts'
import { useConnectionState } from '../collab/useConnectionState.ts'
import { useDocumentAccess } from '../collab/useDocumentAccess.ts'
import { resyncClock } from './server-clock.ts'

export interface RunView {
  run: RunState
  speakers: readonly string[]
  connection: ConnectionState
  access: DocumentAccess
}

interface Snapshot {
  run: RunState
  speakers: readonly string[]
}

const sameRun = (a: RunState, b: RunState) =>
  a.protocolId === b.protocolId &&
  a.step === b.step &&
  a.speaker === b.speaker &&
  a.state === b.state &&
  a.endsAt === b.endsAt &&
  a.remainingMs === b.remainingMs &&
  a.presenterId === b.presenterId

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i])

function read(session: CollabSession): Snapshot {
  return { run: readRun(session.doc), speakers: readSpeakers(session.doc) }
}

function useSnapshot(session: CollabSession | null): Snapshot | null {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null)
  useEffect(() => {
    if (!session) return
    const update = () => {
      const next = read(session)
      setSnapshot((prev) =>
        prev && sameRun(prev.run, next.run) && sameList(prev.speakers, next.speakers) ? prev : next,
      )
    }
    update()
    // The server writes a whole transition in one transaction: one update, one render.
    session.doc.on('update', update)
    return () => session.doc.off('update', update)
  }, [session])
  return snapshot
}

/**
 * The meeting's protocol round from the read-only `meeting/<id>/run` document, which only the
 * server writes. When the connection comes back, the clock offset is estimated again (a laptop
 * that slept or changed networks may have drifted).
 */
export function useRunDocument(meetingId: string): RunView | null {
  const session = useCollabSession(`meeting/${meetingId}/run`)
  const snapshot = useSnapshot(session)
  const connection = useConnectionState(session)
  const access = useDocumentAccess(session)
  const live = connection !== 'connecting' && connection !== 'offline'
  useEffect(() => {
    if (live) void resyncClock()
  }, [live])
  if (!snapshot) return null
  return { ...snapshot, connection, access }
}

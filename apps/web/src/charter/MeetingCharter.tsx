import type { MeetingView } from '@confer/api'
import { meetingDocumentName } from '@confer/model'
import { useMemo } from 'react'
import { useCollabSession } from '../collab/useCollabSession.ts'
import { HistoryButton } from '../history/HistoryButton.tsx'
import { useOwnerNames } from '../history/useOwnerNames.ts'
import { Link } from '../routing/Link.tsx'
import { AgreementSummary } from './AgreementSummary.tsx'
import { GuestNormsCheck, NormsCheck } from './NormsCheck.tsx'
import { useCharterDocument } from './useCharterDocument.ts'
import { useNorms } from './useNorms.ts'
import './charter.css'

/** In a meeting: the team's norms (open at the start), the closing norms check, and the notes' history. */
export default function MeetingCharter({ view }: { view: MeetingView }) {
  const { meeting } = view
  const notes = useCollabSession(meetingDocumentName(meeting.id))
  const source = useMemo(() => ({ kind: 'meeting' as const, meetingId: meeting.id }), [meeting.id])
  const nameOf = useOwnerNames(view.guest ? null : meeting.communityId)
  return (
    <div className="meeting-charter">
      <div className="meeting-charter__bar">
        {notes && (
          <HistoryButton
            source={source}
            doc={notes.doc}
            canRestore={view.role !== 'observer'}
            nameOf={nameOf}
          />
        )}
      </div>
      {view.guest ? (
        <GuestNormsCheck meetingId={meeting.id} canRate={view.role !== 'observer'} />
      ) : (
        <NormsPanel view={view} />
      )}
    </div>
  )
}

function NormsPanel({ view }: { view: MeetingView }) {
  const { meeting } = view
  const { session, access, synced } = useCharterDocument(meeting.communityId)
  const norms = useNorms(session?.doc ?? null)
  return (
    <details className="card norms-panel" open>
      <summary>
        <h2 className="norms-panel__title">Norms</h2>
      </summary>
      {access.state === 'refused' ? (
        <p className="notice">The norms cannot be shown here.</p>
      ) : !synced && norms.length === 0 ? (
        <p className="notice">Loading norms…</p>
      ) : norms.length === 0 ? (
        <p className="notice">
          No norms yet. <Link to={`/c/${meeting.communityId}/charter`}>Write the team charter</Link>.
        </p>
      ) : (
        <ol className="norms-list norms-list--read" aria-label="Our norms">
          {norms.map((norm) => (
            <li key={norm.id}>{norm.text}</li>
          ))}
        </ol>
      )}
      {norms.length > 0 && <AgreementSummary communityId={meeting.communityId} norms={norms} />}
      <p>
        <Link to={`/c/${meeting.communityId}/charter`}>Open the charter</Link>
      </p>
      {norms.length > 0 && <NormsCheck meetingId={meeting.id} canRate={view.role !== 'observer'} />}
    </details>
  )
}

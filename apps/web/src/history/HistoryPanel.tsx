import type { DocumentVersion } from '@confer/api'
import { useState } from 'react'
import type * as Y from 'yjs'
import { useApi } from '../api/useApi.ts'
import { formatDateTime } from '../ui/format.ts'
import { type HistorySource, historyBase, listVersions } from './history-api.ts'
import { VersionView } from './VersionView.tsx'
import type { NameOf } from './version-content.ts'

interface Props {
  source: HistorySource
  doc: Y.Doc
  canRestore: boolean
  nameOf: NameOf
  onRestored: (when: string) => void
}

const REASONS: Record<DocumentVersion['reason'], string> = {
  edits: 'After a burst of editing',
  'session-ended': 'When everyone left',
  'before-restore': 'Saved before a restore',
}

/** The list of versions, newest first; one of them opened to read and compare. */
export function HistoryPanel({ source, doc, canRestore, nameOf, onRestored }: Props) {
  const versions = useApi(`versions:${historyBase(source)}`, (signal) => listVersions(source, signal))
  const [viewing, setViewing] = useState<DocumentVersion | null>(null)

  if (viewing) {
    return (
      <VersionView
        source={source}
        version={viewing}
        doc={doc}
        canRestore={canRestore}
        nameOf={nameOf}
        onBack={() => setViewing(null)}
        onRestored={() => onRestored(formatDateTime(viewing.createdAt))}
      />
    )
  }
  if (versions.error) {
    return (
      <div className="load-error" role="alert">
        <p>Could not load the history. {versions.error.message}</p>
        <button type="button" className="button button--secondary" onClick={versions.reload}>
          Try again
        </button>
      </div>
    )
  }
  if (!versions.data) return <p className="notice">Loading history…</p>
  const list = [...versions.data.versions].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  if (list.length === 0) {
    return <p className="notice">No earlier versions yet. Versions are kept after bursts of editing.</p>
  }
  return (
    <ol className="version-list" aria-label="Versions, newest first">
      {list.map((version) => (
        <li key={version.id} className="version-row">
          <div>
            <strong>{formatDateTime(version.createdAt)}</strong>
            <span className="version-row__reason"> · {REASONS[version.reason] ?? version.reason}</span>
            <div className="version-row__editors">
              {version.editors.length > 0
                ? `Edited by ${version.editors.map((e) => e.name).join(', ')}`
                : 'No editors recorded'}
            </div>
          </div>
          <button
            type="button"
            className="button button--secondary button--small"
            aria-label={`View the version from ${formatDateTime(version.createdAt)}`}
            onClick={() => setViewing(version)}
          >
            View
          </button>
        </li>
      ))}
    </ol>
  )
}

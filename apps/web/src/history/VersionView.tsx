import type { DocumentVersion } from '@confer/api'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { useApi } from '../api/useApi.ts'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { formatDateTime } from '../ui/format.ts'
import { useAction } from '../ui/useAction.ts'
import { DiffText } from './DiffText.tsx'
import { fetchVersionState, type HistorySource, historyBase, restoreVersion } from './history-api.ts'
import { type ContentEntry, docFromState, documentEntries } from './version-content.ts'

interface Props {
  source: HistorySource
  version: DocumentVersion
  doc: Y.Doc
  canRestore: boolean
  onBack: () => void
  onRestored: () => void
}

/** One old version, read-only, compared with the document as it is now. */
export function VersionView({ source, version, doc, canRestore, onBack, onRestored }: Props) {
  const state = useApi(`version:${historyBase(source)}:${version.id}`, (signal) =>
    fetchVersionState(source, version.id, signal),
  )
  const current = useCurrentEntries(source, doc)
  const [confirming, setConfirming] = useState(false)
  const restore = useAction()
  const when = formatDateTime(version.createdAt)

  let body: React.ReactNode
  if (state.error)
    body = (
      <p className="error" role="alert">
        Could not load this version. {state.error.message}
      </p>
    )
  else if (!state.data) body = <p className="notice">Loading this version…</p>
  else body = <Comparison old={documentEntries(source, docFromState(state.data))} current={current} />

  return (
    <div className="version-view">
      <div className="version-view__bar">
        <button type="button" className="button button--quiet button--small" onClick={onBack}>
          ← All versions
        </button>
        {canRestore && state.data && (
          <button
            type="button"
            className="button button--primary button--small"
            onClick={() => setConfirming(true)}
          >
            Restore this version
          </button>
        )}
      </div>
      <h3 className="version-view__title">Version from {when}</h3>
      <p className="hint">
        Compared with now: <ins>added since</ins> and <del>removed since</del> this version.
      </p>
      {body}
      <ConfirmDialog
        open={confirming}
        title="Restore this version?"
        confirmLabel="Restore"
        pending={restore.pending}
        error={restore.error?.message}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          void restore
            .run(() => restoreVersion(source, version.id))
            .then((outcome) => {
              if (!outcome.ok) return
              setConfirming(false)
              onRestored()
            })
        }
      >
        <p>
          Everyone will see the text from {when}. The current text is kept as a version, so this can be
          undone.
        </p>
      </ConfirmDialog>
    </div>
  )
}

function useCurrentEntries(source: HistorySource, doc: Y.Doc): ContentEntry[] {
  const [entries, setEntries] = useState(() => documentEntries(source, doc))
  useEffect(() => {
    const update = () => setEntries(documentEntries(source, doc))
    update()
    doc.on('update', update)
    return () => doc.off('update', update)
  }, [source, doc])
  return entries
}

function Comparison({ old, current }: { old: ContentEntry[]; current: ContentEntry[] }) {
  const now = new Map(current.map((entry) => [entry.id, entry]))
  const oldIds = new Set(old.map((entry) => entry.id))
  const added = current.filter((entry) => !oldIds.has(entry.id))
  return (
    <div className="version-content">
      {old.map((entry) => {
        const later = now.get(entry.id)
        return (
          <section key={entry.id} className="version-entry">
            <h4>
              {entry.label}
              {later && later.label !== entry.label && <span className="hint"> (now “{later.label}”)</span>}
              {!later && <span className="tag tag--removed">removed since</span>}
            </h4>
            <DiffText before={entry.text} after={later ? later.text : ''} />
          </section>
        )
      })}
      {added.map((entry) => (
        <section key={entry.id} className="version-entry">
          <h4>
            {entry.label} <span className="tag tag--added">added since</span>
          </h4>
          <DiffText before="" after={entry.text} />
        </section>
      ))}
    </div>
  )
}

import type { DocumentVersion } from '@confer/api'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { useApi } from '../api/useApi.ts'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { formatDateTime } from '../ui/format.ts'
import { useAction } from '../ui/useAction.ts'
import { DiffText } from './DiffText.tsx'
import { fetchVersionState, type HistorySource, historyBase, restoreVersion } from './history-api.ts'
import { type ComparedEntry, comparedEntries, docFromState, type NameOf } from './version-content.ts'

interface Props {
  source: HistorySource
  version: DocumentVersion
  doc: Y.Doc
  canRestore: boolean
  /** Owners' names, for the agenda's and action items' details. */
  nameOf: NameOf
  onBack: () => void
  onRestored: () => void
}

/** One old version, read-only, compared with the document as it is now. */
export function VersionView({ source, version, doc, canRestore, nameOf, onBack, onRestored }: Props) {
  const state = useApi(`version:${historyBase(source)}:${version.id}`, (signal) =>
    fetchVersionState(source, version.id, signal),
  )
  const current = useCurrentEntries(source, doc, nameOf)
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
  else body = <Comparison old={comparedEntries(source, docFromState(state.data), nameOf)} current={current} />

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

function useCurrentEntries(source: HistorySource, doc: Y.Doc, nameOf: NameOf): ComparedEntry[] {
  const [entries, setEntries] = useState(() => comparedEntries(source, doc, nameOf))
  useEffect(() => {
    const update = () => setEntries(comparedEntries(source, doc, nameOf))
    update()
    doc.on('update', update)
    return () => doc.off('update', update)
  }, [source, doc, nameOf])
  return entries
}

const GROUPS: { group: ComparedEntry['group']; title: string | null }[] = [
  { group: 'charter', title: null },
  { group: 'plan', title: null },
  { group: 'agenda', title: 'Agenda' },
  { group: 'actions', title: 'Action items' },
]

function Comparison({ old, current }: { old: ComparedEntry[]; current: ComparedEntry[] }) {
  return (
    <div className="version-content">
      {GROUPS.map(({ group, title }) => {
        const before = old.filter((e) => e.group === group)
        const after = current.filter((e) => e.group === group)
        if (before.length === 0 && after.length === 0) return null
        return (
          <section key={group} className="version-group" aria-label={title ?? undefined}>
            {title && <h4 className="version-group__title">{title}</h4>}
            {before.length + after.length > 0 && <GroupComparison old={before} current={after} />}
          </section>
        )
      })}
    </div>
  )
}

function GroupComparison({ old, current }: { old: ComparedEntry[]; current: ComparedEntry[] }) {
  const now = new Map(current.map((entry) => [entry.id, entry]))
  const oldIds = new Set(old.map((entry) => entry.id))
  const added = current.filter((entry) => !oldIds.has(entry.id))
  return (
    <>
      {old.map((entry) => {
        const later = now.get(entry.id)
        const moved = later && entry.group === 'agenda' && later.position !== entry.position
        return (
          <section key={entry.id} className="version-entry">
            <h5>
              {entry.label}
              {!later && <span className="tag tag--removed">removed since</span>}
              {moved && (
                <span className="tag">
                  moved from {entry.position} to {later.position}
                </span>
              )}
            </h5>
            {later && later.label !== entry.label && (
              <div className="version-entry__field">
                <span className="version-entry__name">Title</span>
                <DiffText before={entry.label} after={later.label} />
              </div>
            )}
            {entry.facts && (
              <div className="version-entry__field">
                <span className="version-entry__name">Details</span>
                <DiffText before={entry.facts} after={later ? later.facts : ''} />
              </div>
            )}
            {(entry.group !== 'actions' || entry.text !== (later?.text ?? '')) && (
              <DiffText before={entry.text} after={later ? later.text : ''} />
            )}
          </section>
        )
      })}
      {added.map((entry) => (
        <section key={entry.id} className="version-entry">
          <h5>
            {entry.label} <span className="tag tag--added">added since</span>
          </h5>
          {entry.facts && (
            <div className="version-entry__field">
              <span className="version-entry__name">Details</span>
              <DiffText before="" after={entry.facts} />
            </div>
          )}
          <DiffText before="" after={entry.text} />
        </section>
      ))}
    </>
  )
}

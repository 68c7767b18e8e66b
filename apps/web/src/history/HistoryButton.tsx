import { useState } from 'react'
import type * as Y from 'yjs'
import { Dialog } from '../ui/Dialog.tsx'
import { HistoryPanel } from './HistoryPanel.tsx'
import type { HistorySource } from './history-api.ts'
import type { NameOf } from './version-content.ts'
import './history.css'

interface Props {
  source: HistorySource
  /** The live document, to compare old versions with. */
  doc: Y.Doc
  canRestore: boolean
  /** Owners' names in a meeting's agenda and action items (useOwnerNames). */
  nameOf?: NameOf
}

const NO_NAMES: NameOf = () => 'a member'

const TITLES: Record<HistorySource['kind'], string> = {
  meeting: 'History of these notes',
  charter: 'History of this charter',
  plan: 'History of this plan',
}

/** "History": earlier versions of the notes, charter or plan, to read, compare and restore. */
export function HistoryButton({ source, doc, canRestore, nameOf = NO_NAMES }: Props) {
  const [open, setOpen] = useState(false)
  const [restored, setRestored] = useState<string | null>(null)
  return (
    <>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => {
          setRestored(null)
          setOpen(true)
        }}
      >
        History
      </button>
      <p role="status" className="history-status">
        {restored}
      </p>
      <Dialog
        open={open}
        title={TITLES[source.kind]}
        onClose={() => setOpen(false)}
        className="dialog--wide history-dialog"
      >
        <HistoryPanel
          source={source}
          doc={doc}
          canRestore={canRestore}
          nameOf={nameOf}
          onRestored={(when) => {
            setOpen(false)
            setRestored(`Restored the version from ${when}.`)
          }}
        />
      </Dialog>
    </>
  )
}

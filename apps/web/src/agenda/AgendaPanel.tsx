import { type AgendaItem, moveAgendaItem, removeAgendaItem } from '@confer/model'
import { useId, useState } from 'react'
import type * as Y from 'yjs'
import { currentItemId } from '../meeting-data/current-item.ts'
import type { MeetingPeople } from '../meeting-data/useMeetingPeople.ts'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { AddAgendaItemForm } from './AddAgendaItemForm.tsx'
import { AgendaRow, itemLabel } from './AgendaRow.tsx'
import { AgendaTotal } from './AgendaTotal.tsx'
import { plannedMinutes } from './agenda-time.ts'
import { useAgendaDrag } from './useAgendaDrag.ts'
import { useLinkableProtocols } from './useLinkableProtocols.ts'
import './agenda.css'

interface Props {
  doc: Y.Doc
  agenda: AgendaItem[]
  durationMinutes: number
  editable: boolean
  people: MeetingPeople
  /** For the protocols an item can plan: the library and the community's own. */
  meetingId: string
}

/**
 * The meeting's plan: items in order with their minutes and owners, the running total against
 * the meeting's length, and the item the team is on. Members edit it; the order changes by
 * drag-and-drop or from the keyboard, and every move is announced.
 */
export function AgendaPanel(props: Props) {
  const { doc, agenda, durationMinutes, editable, people, meetingId } = props
  const protocols = useLinkableProtocols(agenda, meetingId)
  const headingId = useId()
  const helpId = useId()
  const [announcement, setAnnouncement] = useState('')
  const [removing, setRemoving] = useState<AgendaItem | null>(null)
  const ids = agenda.map((item) => item.id)
  const current = currentItemId(agenda)

  const moveTo = (id: string, toIndex: number) => {
    moveAgendaItem(doc, id, toIndex)
    const item = agenda.find((i) => i.id === id)
    if (item) {
      const position = Math.min(Math.max(toIndex, 0), agenda.length - 1) + 1
      setAnnouncement(`Moved ${itemLabel(item)} to position ${position} of ${agenda.length}.`)
    }
  }
  const drag = useAgendaDrag(ids, moveTo)
  const moveBy = (item: AgendaItem, by: -1 | 1) => {
    const from = ids.indexOf(item.id)
    const to = from + by
    if (from === -1 || to < 0 || to >= ids.length) return
    moveTo(item.id, to)
  }
  const confirmRemove = () => {
    if (!removing) return
    removeAgendaItem(doc, removing.id)
    setAnnouncement(`Removed ${itemLabel(removing)}.`)
    setRemoving(null)
  }

  return (
    <section className="agenda-panel" aria-labelledby={headingId}>
      <div className="agenda-panel__head">
        <h2 id={headingId}>Agenda</h2>
        <AgendaTotal planned={plannedMinutes(agenda)} duration={durationMinutes} />
      </div>
      {editable && (
        <p id={helpId} className="hint agenda-panel__help">
          Drag an item by its handle, or press Alt+Up / Alt+Down in any of its fields to move it. The first
          item not marked done is the one the team is on.
        </p>
      )}
      {agenda.length === 0 ? (
        <p className="empty-note">No agenda items yet.</p>
      ) : (
        <ol className="agenda-outline">
          {agenda.map((item, index) => (
            <AgendaRow
              key={item.id}
              doc={doc}
              item={item}
              position={index + 1}
              count={agenda.length}
              current={item.id === current}
              editable={editable}
              people={people}
              protocols={protocols}
              reorderHelpId={helpId}
              drag={{
                handle: drag.handleProps(item.id),
                row: drag.rowProps(item.id),
                dragging: drag.dragging === item.id,
                dropSide: drag.over?.id === item.id && drag.dragging !== item.id ? drag.over.side : null,
              }}
              onMove={moveBy}
              onRemove={setRemoving}
            />
          ))}
        </ol>
      )}
      {editable && (
        <AddAgendaItemForm doc={doc} onAdded={(title) => setAnnouncement(`Added ${title} to the agenda.`)} />
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing ? itemLabel(removing) : 'this item'}?`}
        confirmLabel="Remove item"
        danger
        onConfirm={confirmRemove}
        onCancel={() => setRemoving(null)}
      >
        <p>The item’s notes are removed with it, for everyone. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  )
}

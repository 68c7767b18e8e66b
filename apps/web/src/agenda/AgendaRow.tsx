import { type AgendaItem, updateAgendaItem } from '@confer/model'
import type { DragEvent, KeyboardEvent } from 'react'
import type * as Y from 'yjs'
import { OwnerSelect } from '../meeting-data/OwnerSelect.tsx'
import type { MeetingPeople } from '../meeting-data/useMeetingPeople.ts'
import type { Protocols } from '../protocols/useProtocols.ts'
import { useSharedField } from '../ui/useSharedField.ts'
import { linkedProtocolName, ProtocolLengthWarning, ProtocolSelect } from './ProtocolSelect.tsx'
import type { DropSide } from './useAgendaDrag.ts'

export const MAX_MINUTES = 480

interface DragBindings {
  handle: {
    draggable: boolean
    onDragStart: (event: DragEvent<HTMLElement>) => void
    onDragEnd: () => void
  }
  row: {
    onDragOver: (event: DragEvent<HTMLElement>) => void
    onDrop: (event: DragEvent<HTMLElement>) => void
  }
  dragging: boolean
  dropSide: DropSide | null
}

interface Props {
  doc: Y.Doc
  item: AgendaItem
  position: number
  count: number
  current: boolean
  editable: boolean
  people: MeetingPeople
  protocols: Protocols
  reorderHelpId: string
  drag: DragBindings
  onMove: (item: AgendaItem, by: -1 | 1) => void
  onRemove: (item: AgendaItem) => void
}

export const itemLabel = (item: AgendaItem) => item.title.trim() || 'Untitled item'

/** One line of the agenda outline: its controls for members, its facts for everyone else. */
export function AgendaRow(props: Props) {
  const { item, position, current, editable, drag } = props
  const label = itemLabel(item)
  const owner = item.ownerId ? props.people.nameOf(item.ownerId) : null
  const protocol = item.protocolId ? linkedProtocolName(props.protocols, item.protocolId) : null

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (!editable || !event.altKey || event.ctrlKey || event.metaKey) return
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return
    // Alt+Down opens a select's list on some systems: leave selects alone.
    if (event.target instanceof HTMLSelectElement) return
    event.preventDefault()
    props.onMove(item, event.key === 'ArrowUp' ? -1 : 1)
  }

  return (
    <li
      className="agenda-row"
      data-item-id={item.id}
      data-current={current || undefined}
      data-done={item.done || undefined}
      data-dragging={drag.dragging || undefined}
      data-drop={drag.dropSide ?? undefined}
      aria-current={current ? 'step' : undefined}
      onKeyDown={onKeyDown}
      {...(editable ? drag.row : {})}
    >
      {editable ? (
        <EditableRow {...props} label={label} />
      ) : (
        <>
          <RowNumber position={position} current={current} />
          <span className="agenda-row__title">{label}</span>
          <span className="agenda-row__facts">
            {item.minutes > 0 && <span>{item.minutes} min</span>}
            {owner && <span>{owner}</span>}
            {protocol && <span>Protocol: {protocol}</span>}
            {item.done && <span className="tag tag--done">Done</span>}
          </span>
        </>
      )}
      {item.protocolId && !item.done && (
        <ProtocolLengthWarning
          protocols={props.protocols}
          protocolId={item.protocolId}
          minutes={item.minutes}
          people={props.people.choices.length}
          maxMinutes={MAX_MINUTES}
          onSet={editable ? (minutes) => updateAgendaItem(props.doc, item.id, { minutes }) : null}
        />
      )}
    </li>
  )
}

function EditableRow(props: Props & { label: string }) {
  const { doc, item, position, count, label, drag, people } = props
  const title = useSharedField(item.title, (value) => updateAgendaItem(doc, item.id, { title: value }))
  const minutes = useSharedField(String(item.minutes), (value) => {
    const n = Number(value)
    if (value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= MAX_MINUTES) {
      updateAgendaItem(doc, item.id, { minutes: n })
    }
  })
  const first = position === 1
  const last = position === count
  return (
    <>
      <button
        type="button"
        className="agenda-row__handle"
        aria-label={`Reorder ${label}`}
        aria-describedby={props.reorderHelpId}
        title="Drag to reorder, or press Alt+Up / Alt+Down"
        {...drag.handle}
      >
        <span aria-hidden="true">⠿</span>
      </button>
      <RowNumber position={position} current={props.current} />
      <input
        type="checkbox"
        className="agenda-row__done"
        aria-label={`${label} done`}
        checked={item.done}
        onChange={(event) => updateAgendaItem(doc, item.id, { done: event.target.checked })}
      />
      <input
        type="text"
        className="agenda-row__title-input"
        aria-label={`Item ${position} title`}
        placeholder="Untitled item"
        maxLength={200}
        {...title}
      />
      <span className="agenda-row__minutes">
        <input
          type="number"
          min={0}
          max={MAX_MINUTES}
          step={1}
          inputMode="numeric"
          aria-label={`Minutes for ${label}`}
          {...minutes}
        />
        <span aria-hidden="true">min</span>
      </span>
      <OwnerSelect
        className="agenda-row__owner"
        label={`Owner of ${label}`}
        value={item.ownerId}
        people={people}
        onChange={(ownerId) => updateAgendaItem(doc, item.id, { ownerId })}
      />
      <ProtocolSelect
        className="agenda-row__protocol"
        label={`Protocol for ${label}`}
        value={item.protocolId}
        protocols={props.protocols}
        onChange={(protocolId) => updateAgendaItem(doc, item.id, { protocolId })}
      />
      <span className="agenda-row__buttons">
        <button
          type="button"
          className="icon-button"
          aria-label={`Move ${label} up`}
          aria-disabled={first || undefined}
          title="Move up (Alt+Up)"
          onClick={() => !first && props.onMove(item, -1)}
        >
          <span aria-hidden="true">↑</span>
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Move ${label} down`}
          aria-disabled={last || undefined}
          title="Move down (Alt+Down)"
          onClick={() => !last && props.onMove(item, 1)}
        >
          <span aria-hidden="true">↓</span>
        </button>
        <button
          type="button"
          className="icon-button icon-button--danger"
          aria-label={`Remove ${label}`}
          title="Remove item"
          onClick={() => props.onRemove(item)}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </span>
    </>
  )
}

/** The item's number, and "Now" on the item the team is on. */
function RowNumber({ position, current }: { position: number; current: boolean }) {
  return (
    <span className="agenda-row__number">
      {position}.{current && <span className="tag tag--now">Now</span>}
    </span>
  )
}

import * as Y from 'yjs'
import { newId } from './ids.ts'

/**
 * Typed access to a `meeting/<id>` document (DESIGN §3). This module is the only place that
 * knows the Yjs field names; everything else goes through these functions.
 */

export interface AgendaItem {
  id: string
  title: string
  minutes: number
  ownerId: string | null
  done: boolean
  protocolId: string | null
}

export interface NewAgendaItem {
  title: string
  minutes?: number
  ownerId?: string | null
  protocolId?: string | null
}

const ITEMS = 'items'
const ORDER = 'order'
const NOTES = 'notes'

type ItemMap = Y.Map<unknown>

export function itemsMap(doc: Y.Doc): Y.Map<ItemMap> {
  return doc.getMap<ItemMap>(ITEMS)
}

export function orderArray(doc: Y.Doc): Y.Array<string> {
  return doc.getArray<string>(ORDER)
}

/**
 * The agenda in display order. Reordering is delete + insert (Yjs has no move), so concurrent
 * moves can leave duplicates and ids of deleted items: skip unknown ids, keep the first of
 * duplicates, and append items missing from `order` so their notes are never hidden.
 */
export function readAgenda(doc: Y.Doc): AgendaItem[] {
  const items = itemsMap(doc)
  const seen = new Set<string>()
  const agenda: AgendaItem[] = []
  for (const id of orderArray(doc).toArray()) {
    if (typeof id !== 'string' || seen.has(id)) continue
    const item = readItem(id, items.get(id))
    if (!item) continue
    seen.add(id)
    agenda.push(item)
  }
  const orphans = [...items.keys()].filter((id) => !seen.has(id)).sort()
  for (const id of orphans) {
    const item = readItem(id, items.get(id))
    if (item) agenda.push(item)
  }
  return agenda
}

/** Reads one item defensively: any client can write any shape, so wrong field types fall back. */
function readItem(id: string, value: unknown): AgendaItem | null {
  if (!(value instanceof Y.Map)) return null
  const title = value.get('title')
  const minutes = value.get('minutes')
  const ownerId = value.get('ownerId')
  const protocolId = value.get('protocolId')
  return {
    id,
    title: typeof title === 'string' ? title : '',
    minutes: typeof minutes === 'number' && Number.isFinite(minutes) && minutes >= 0 ? minutes : 0,
    ownerId: typeof ownerId === 'string' ? ownerId : null,
    done: value.get('done') === true,
    protocolId: typeof protocolId === 'string' ? protocolId : null,
  }
}

/** The rich-text notes of an item, or null when the item is unknown or its notes are malformed. */
export function itemNotes(doc: Y.Doc, itemId: string): Y.XmlFragment | null {
  const item = itemsMap(doc).get(itemId)
  if (!(item instanceof Y.Map)) return null
  const notes = item.get(NOTES)
  return notes instanceof Y.XmlFragment ? notes : null
}

/** Adds an item at `index` (default: the end) in one transaction; returns its id. */
export function addAgendaItem(doc: Y.Doc, input: NewAgendaItem, index?: number): string {
  const id = newId()
  doc.transact(() => {
    const item = new Y.Map<unknown>()
    item.set('title', input.title)
    item.set('minutes', input.minutes ?? 0)
    item.set('ownerId', input.ownerId ?? null)
    item.set('done', false)
    item.set('protocolId', input.protocolId ?? null)
    item.set(NOTES, new Y.XmlFragment())
    itemsMap(doc).set(id, item)
    const order = orderArray(doc)
    order.insert(Math.min(Math.max(index ?? order.length, 0), order.length), [id])
  })
  return id
}

export function isMeetingEmpty(doc: Y.Doc): boolean {
  return itemsMap(doc).size === 0 && orderArray(doc).length === 0
}

/**
 * Gives a brand-new meeting its first item so there is somewhere to type. Runs on the server
 * only: seeding in every client would add one item per client.
 */
export function seedMeeting(doc: Y.Doc): void {
  if (isMeetingEmpty(doc)) addAgendaItem(doc, { title: 'Notes', minutes: 0 })
}

import * as Y from 'yjs'
import { isId, newId } from './ids.ts'
import { isPlanSection, type PlanSection } from './plan-shape.ts'

/**
 * Typed access to a meeting's agenda (`items` + `order`, DESIGN §3). This module and actions.ts
 * are the only places that know the meeting document's Yjs field names.
 */

export interface AgendaItem {
  id: string
  title: string
  minutes: number
  ownerId: string | null
  done: boolean
  protocolId: string | null
  /** The part of the community's plan this item works on (SPEC PL4); items without one read null. */
  planLink: PlanSection | null
  /** The plan goal this item points at (SPEC PL4). */
  goalId: string | null
}

export interface NewAgendaItem {
  title: string
  minutes?: number
  ownerId?: string | null
  protocolId?: string | null
  planLink?: PlanSection | null
  goalId?: string | null
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
  const planLink = value.get('planLink')
  const goalId = value.get('goalId')
  return {
    id,
    title: typeof title === 'string' ? title : '',
    minutes: typeof minutes === 'number' && Number.isFinite(minutes) && minutes >= 0 ? minutes : 0,
    ownerId: typeof ownerId === 'string' ? ownerId : null,
    done: value.get('done') === true,
    protocolId: typeof protocolId === 'string' ? protocolId : null,
    planLink: isPlanSection(planLink) ? planLink : null,
    goalId: typeof goalId === 'string' && isId(goalId) ? goalId : null,
  }
}

/** A plan link as stored: a known section or null; anything else is not written. */
const validPlanLink = (value: unknown): value is PlanSection | null => value === null || isPlanSection(value)
const validGoalId = (value: unknown): value is string | null =>
  value === null || (typeof value === 'string' && isId(value))

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
    // The plan links are an extension (SPEC PL4): written only when set, so other items keep DESIGN §3's shape.
    if (input.planLink && validPlanLink(input.planLink)) item.set('planLink', input.planLink)
    if (input.goalId && validGoalId(input.goalId)) item.set('goalId', input.goalId)
    item.set(NOTES, new Y.XmlFragment())
    itemsMap(doc).set(id, item)
    const order = orderArray(doc)
    order.insert(Math.min(Math.max(index ?? order.length, 0), order.length), [id])
  })
  return id
}

export type AgendaPatch = Partial<
  Pick<AgendaItem, 'title' | 'minutes' | 'ownerId' | 'done' | 'protocolId' | 'planLink' | 'goalId'>
>

export function updateAgendaItem(doc: Y.Doc, id: string, patch: AgendaPatch): void {
  const item = itemsMap(doc).get(id)
  if (!(item instanceof Y.Map)) return
  doc.transact(() => {
    if (patch.title !== undefined) item.set('title', patch.title)
    if (patch.minutes !== undefined && Number.isFinite(patch.minutes) && patch.minutes >= 0) {
      item.set('minutes', Math.round(patch.minutes))
    }
    if (patch.ownerId !== undefined) item.set('ownerId', patch.ownerId)
    if (patch.done !== undefined) item.set('done', patch.done)
    if (patch.protocolId !== undefined) item.set('protocolId', patch.protocolId)
    if (patch.planLink !== undefined && validPlanLink(patch.planLink)) item.set('planLink', patch.planLink)
    if (patch.goalId !== undefined && validGoalId(patch.goalId)) item.set('goalId', patch.goalId)
  })
}

/**
 * Moves an item to `toIndex` of the agenda as readers see it. Yjs has no move, so this deletes
 * every occurrence of the id and inserts it once; a concurrent move of the same item may leave
 * a duplicate, which readers resolve by keeping the first.
 */
export function moveAgendaItem(doc: Y.Doc, id: string, toIndex: number): void {
  const order = orderArray(doc)
  const visible = readAgenda(doc).map((item) => item.id)
  if (!visible.includes(id)) return
  const without = visible.filter((other) => other !== id)
  const target = Math.min(Math.max(toIndex, 0), without.length)
  // Insert right after the visible item that will precede it, wherever that sits in `order`.
  const before = target === 0 ? null : (without[target - 1] ?? null)
  doc.transact(() => {
    for (let i = order.length - 1; i >= 0; i--) if (order.get(i) === id) order.delete(i, 1)
    const at = before === null ? -1 : order.toArray().indexOf(before)
    // `before` missing from `order` means it is an orphan shown at the end: go to the end too.
    const position = before === null ? 0 : at === -1 ? order.length : at + 1
    order.insert(position, [id])
  })
}

/** Removes an item with its notes. */
export function removeAgendaItem(doc: Y.Doc, id: string): void {
  const order = orderArray(doc)
  doc.transact(() => {
    for (let i = order.length - 1; i >= 0; i--) if (order.get(i) === id) order.delete(i, 1)
    itemsMap(doc).delete(id)
  })
}

/** Appends template items (title, minutes, protocol, plan link) to the agenda in one transaction. */
export function appendAgendaItems(doc: Y.Doc, items: readonly NewAgendaItem[]): void {
  doc.transact(() => {
    for (const item of items) addAgendaItem(doc, item)
  })
}

export function isMeetingEmpty(doc: Y.Doc): boolean {
  return itemsMap(doc).size === 0 && orderArray(doc).length === 0
}

import * as Y from 'yjs'
import { newId } from './ids.ts'

/**
 * Typed access to a meeting's `actions` map (DESIGN §3): actionId → Y.Map
 * `{text, ownerId, due: "YYYY-MM-DD"|null, done, fromMeetingId}`.
 */
export interface ActionItem {
  id: string
  text: string
  ownerId: string | null
  due: string | null
  done: boolean
  /** The meeting this item was carried over from, or null when it was added here. */
  fromMeetingId: string | null
}

export type ActionPatch = Partial<Pick<ActionItem, 'text' | 'ownerId' | 'due' | 'done'>>

const ACTIONS = 'actions'
export const DUE_DATE = /^\d{4}-\d{2}-\d{2}$/

export function actionsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(ACTIONS)
}

function readAction(id: string, value: unknown): ActionItem | null {
  if (!(value instanceof Y.Map)) return null
  const text = value.get('text')
  const ownerId = value.get('ownerId')
  const due = value.get('due')
  const from = value.get('fromMeetingId')
  return {
    id,
    text: typeof text === 'string' ? text : '',
    ownerId: typeof ownerId === 'string' ? ownerId : null,
    due: typeof due === 'string' && DUE_DATE.test(due) ? due : null,
    done: value.get('done') === true,
    fromMeetingId: typeof from === 'string' ? from : null,
  }
}

/**
 * All action items in a stable order every replica agrees on (a Y.Map has none of its own):
 * open before done, then by due date (undated last), then by text and id.
 */
export function readActions(doc: Y.Doc): ActionItem[] {
  const actions: ActionItem[] = []
  for (const [id, value] of actionsMap(doc)) {
    const action = readAction(id, value)
    if (action) actions.push(action)
  }
  return actions.sort(
    (a, b) =>
      Number(a.done) - Number(b.done) ||
      (a.due ?? '9999-99-99').localeCompare(b.due ?? '9999-99-99') ||
      a.text.localeCompare(b.text) ||
      a.id.localeCompare(b.id),
  )
}

export function openActions(doc: Y.Doc): ActionItem[] {
  return readActions(doc).filter((a) => !a.done)
}

function writeFields(map: Y.Map<unknown>, patch: ActionPatch): void {
  if (patch.text !== undefined) map.set('text', patch.text)
  if (patch.ownerId !== undefined) map.set('ownerId', patch.ownerId)
  if (patch.due !== undefined)
    map.set('due', patch.due !== null && DUE_DATE.test(patch.due) ? patch.due : null)
  if (patch.done !== undefined) map.set('done', patch.done)
}

export function addAction(
  doc: Y.Doc,
  input: { text: string; ownerId?: string | null; due?: string | null; fromMeetingId?: string | null },
  id: string = newId(),
): string {
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    map.set('text', '')
    map.set('ownerId', null)
    map.set('due', null)
    map.set('done', false)
    map.set('fromMeetingId', input.fromMeetingId ?? null)
    writeFields(map, { text: input.text, ownerId: input.ownerId ?? null, due: input.due ?? null })
    actionsMap(doc).set(id, map)
  })
  return id
}

export function updateAction(doc: Y.Doc, id: string, patch: ActionPatch): void {
  const map = actionsMap(doc).get(id)
  if (map instanceof Y.Map) doc.transact(() => writeFields(map, patch))
}

export function removeAction(doc: Y.Doc, id: string): void {
  actionsMap(doc).delete(id)
}

/**
 * Copies the open items of the previous meeting (`openActions` of its document) into `next`,
 * keeping their ids so doing it twice (or from two servers at once) still leaves one copy of
 * each. Returns how many were new here.
 */
export function carryOverActions(
  open: readonly ActionItem[],
  previousMeetingId: string,
  next: Y.Doc,
): number {
  let added = 0
  next.transact(() => {
    for (const action of open) {
      if (actionsMap(next).has(action.id)) continue
      addAction(next, { ...action, fromMeetingId: previousMeetingId }, action.id)
      added += 1
    }
  })
  return added
}

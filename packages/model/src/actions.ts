import * as Y from 'yjs'
import { newId } from './ids.ts'

/**
 * Typed access to a meeting's `actions` map (DESIGN §3): actionId → Y.Map
 * `{text, ownerId, due: "YYYY-MM-DD"|null, done, fromMeetingId}`, plus, per field, when it was
 * last written (`textChangedAt`, `ownerIdChangedAt`, `dueChangedAt`, `doneChangedAt`: epoch ms of
 * the writing device, never less than the stamp it replaced). An item is one thing in every
 * meeting holding its id (SPEC T1): the server copies each field to the other copies, and the
 * latest stamp wins. Readers tolerate missing stamps (0: never stamped).
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

/** The fields that are the same in every copy of an item (fromMeetingId is per copy). */
export const ACTION_FIELDS = ['text', 'ownerId', 'due', 'done'] as const
export type ActionField = (typeof ACTION_FIELDS)[number]
export type ActionFields = Pick<ActionItem, ActionField>
export type ActionPatch = Partial<ActionFields>
/** When each field was last written (epoch ms; 0 when it never was, as in older documents). */
export type ActionStamps = Record<ActionField, number>
/** An item as one meeting's copy holds it, with its stamps: what the server merges copies by. */
export interface ActionCopy extends ActionItem {
  changedAt: ActionStamps
}

const ACTIONS = 'actions'
export const DUE_DATE = /^\d{4}-\d{2}-\d{2}$/

export function actionsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(ACTIONS)
}

const stampKey = (field: ActionField) => `${field}ChangedAt`
const NEVER_STAMPED: ActionStamps = { text: 0, ownerId: 0, due: 0, done: 0 }

function readStamp(map: Y.Map<unknown>, field: ActionField): number {
  const at = map.get(stampKey(field))
  return typeof at === 'number' && Number.isFinite(at) ? at : 0
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

/** Every item with its per-field stamps, in readActions' order. */
export function readActionCopies(doc: Y.Doc): ActionCopy[] {
  const map = actionsMap(doc)
  return readActions(doc).map((action) => {
    const entry = map.get(action.id) as Y.Map<unknown>
    const changedAt = {} as ActionStamps
    for (const field of ACTION_FIELDS) changedAt[field] = readStamp(entry, field)
    return { ...action, changedAt }
  })
}

/** The value as readers see it: what writers store, and what copies are compared by. */
function normalise<F extends ActionField>(field: F, value: ActionFields[F]): ActionFields[F] {
  if (field === 'due')
    return (typeof value === 'string' && DUE_DATE.test(value) ? value : null) as ActionFields[F]
  return value
}

/**
 * Writes the fields that differ from what the item holds, each stamped `now`, or just above the
 * stamp it replaces when this device's clock is behind: a change always beats what its writer saw.
 */
function writeFields(map: Y.Map<unknown>, patch: ActionPatch, now: number): void {
  for (const field of ACTION_FIELDS) {
    const value = patch[field]
    if (value === undefined) continue
    const next = normalise(field, value)
    if (map.get(field) === next) continue
    map.set(field, next)
    map.set(stampKey(field), Math.max(now, readStamp(map, field) + 1))
  }
}

/**
 * Adds an item, every field stamped now; a copy of an existing item (carry-over) passes that
 * item's stamps in `changedAt` instead, so the copy wins no tie it should not.
 */
export function addAction(
  doc: Y.Doc,
  input: {
    text: string
    ownerId?: string | null
    due?: string | null
    done?: boolean
    fromMeetingId?: string | null
  },
  id: string = newId(),
  changedAt?: ActionStamps,
): string {
  const now = Date.now()
  const fields: ActionFields = {
    text: input.text,
    ownerId: input.ownerId ?? null,
    due: input.due ?? null,
    done: input.done ?? false,
  }
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    for (const field of ACTION_FIELDS) {
      map.set(field, normalise(field, fields[field]))
      const at = changedAt ? changedAt[field] : now
      if (at > 0) map.set(stampKey(field), at)
    }
    map.set('fromMeetingId', input.fromMeetingId ?? null)
    actionsMap(doc).set(id, map)
  })
  return id
}

export function updateAction(doc: Y.Doc, id: string, patch: ActionPatch, now: number = Date.now()): void {
  const map = actionsMap(doc).get(id)
  if (map instanceof Y.Map) doc.transact(() => writeFields(map, patch, now))
}

/**
 * Makes one copy of an item agree with another (the server's propagation, SPEC T1): each field
 * given is written with the stamp given, where the value or the stamp differs; an equal copy is
 * left untouched, so propagating into it ends there. False when the item is not in `doc`.
 */
export function mergeActionFields(
  doc: Y.Doc,
  id: string,
  fields: ActionPatch,
  changedAt: Partial<ActionStamps>,
): boolean {
  const map = actionsMap(doc).get(id)
  if (!(map instanceof Y.Map)) return false
  doc.transact(() => {
    for (const field of ACTION_FIELDS) {
      const value = fields[field]
      if (value === undefined) continue
      const next = normalise(field, value)
      if (map.get(field) !== next) map.set(field, next)
      const at = changedAt[field] ?? 0
      if (at > 0 && readStamp(map, field) !== at) map.set(stampKey(field), at)
    }
  })
  return true
}

export function removeAction(doc: Y.Doc, id: string): void {
  actionsMap(doc).delete(id)
}

/**
 * Copies open items of an earlier meeting (`openActions` or `readActionCopies` of its document)
 * into `next`, keeping their ids (and stamps, when given) so doing it twice (or from two servers
 * at once) still leaves one copy of each. Returns how many were new here.
 */
export function carryOverActions(
  open: readonly (ActionItem & { changedAt?: ActionStamps })[],
  previousMeetingId: string,
  next: Y.Doc,
): number {
  let added = 0
  next.transact(() => {
    for (const action of open) {
      if (actionsMap(next).has(action.id)) continue
      const { changedAt, ...fields } = action
      addAction(next, { ...fields, fromMeetingId: previousMeetingId }, action.id, changedAt ?? NEVER_STAMPED)
      added += 1
    }
  })
  return added
}

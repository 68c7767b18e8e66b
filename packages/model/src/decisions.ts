import * as Y from 'yjs'
import { isId, newId } from './ids.ts'

/**
 * Typed access to a meeting's `decisions` map (DESIGN §3): decisionId → Y.Map
 * `{text, itemId: string|null}`, plus `createdAt` (epoch ms of the device that made it), an
 * extension readers tolerate missing: it only orders the list the same way on every replica.
 */
export interface Decision {
  id: string
  text: string
  /** The agenda item it was made under, or null for a decision of the meeting as a whole. */
  itemId: string | null
  createdAt: number
}

export type DecisionPatch = Partial<Pick<Decision, 'text' | 'itemId'>>

/** Longer than any decision a team writes down; a whole pasted page is not one. */
export const DECISION_MAX_CHARS = 1_000

const DECISIONS = 'decisions'

export function decisionsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(DECISIONS)
}

/**
 * A decision's text as stored: one line, white space collapsed, trimmed; null when it is blank
 * or longer than DECISION_MAX_CHARS (a writer says why, a reader skips it).
 */
export function decisionText(text: unknown): string | null {
  if (typeof text !== 'string') return null
  const line = text.replace(/\s+/g, ' ').trim()
  return line && line.length <= DECISION_MAX_CHARS ? line : null
}

const validItemId = (itemId: unknown): itemId is string | null =>
  itemId === null || (typeof itemId === 'string' && isId(itemId))

/** Any client can write any shape: an entry without usable text is not a decision. */
function readDecision(id: string, value: unknown): Decision | null {
  if (!(value instanceof Y.Map)) return null
  const text = decisionText(value.get('text'))
  if (text === null) return null
  const itemId = value.get('itemId')
  const createdAt = value.get('createdAt')
  return {
    id,
    text,
    itemId: typeof itemId === 'string' && isId(itemId) ? itemId : null,
    createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0,
  }
}

/** The meeting's decisions, oldest first (ties by id, so every replica shows one order). */
export function readDecisions(doc: Y.Doc): Decision[] {
  const decisions: Decision[] = []
  for (const [id, value] of decisionsMap(doc)) {
    const decision = readDecision(id, value)
    if (decision) decisions.push(decision)
  }
  return decisions.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
}

/**
 * Records a decision; returns its id, or null when it was refused (blank or over-long text, an
 * item id that is not an id) and nothing was written.
 */
export function addDecision(
  doc: Y.Doc,
  input: { text: string; itemId?: string | null },
  now: number = Date.now(),
  id: string = newId(),
): string | null {
  const text = decisionText(input.text)
  const itemId = input.itemId ?? null
  if (text === null || !validItemId(itemId)) return null
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    map.set('text', text)
    map.set('itemId', itemId)
    map.set('createdAt', now)
    decisionsMap(doc).set(id, map)
  })
  return id
}

/** Changes a decision's text or item; false (and nothing written) when it is unknown or the patch is refused. */
export function editDecision(doc: Y.Doc, id: string, patch: DecisionPatch): boolean {
  const map = decisionsMap(doc).get(id)
  if (!(map instanceof Y.Map)) return false
  const text = patch.text === undefined ? undefined : decisionText(patch.text)
  if (text === null) return false
  if (patch.itemId !== undefined && !validItemId(patch.itemId)) return false
  doc.transact(() => {
    if (text !== undefined && map.get('text') !== text) map.set('text', text)
    if (patch.itemId !== undefined && map.get('itemId') !== patch.itemId) map.set('itemId', patch.itemId)
  })
  return true
}

export function removeDecision(doc: Y.Doc, id: string): void {
  decisionsMap(doc).delete(id)
}

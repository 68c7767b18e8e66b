import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addDecision,
  DECISION_MAX_CHARS,
  decisionsMap,
  editDecision,
  readDecisions,
  removeDecision,
} from '../src/decisions.ts'
import { RESTORABLE, restoreTopLevel } from '../src/restore.ts'

describe('decisions', () => {
  it('[E1] reads oldest first, each linked to its item or to none', () => {
    const doc = new Y.Doc()
    addDecision(doc, { text: 'Use the shared rubric', itemId: 'item1' }, 2_000)
    addDecision(doc, { text: 'Meet on Tuesdays' }, 1_000)
    expect(readDecisions(doc)).toEqual([
      expect.objectContaining({ text: 'Meet on Tuesdays', itemId: null, createdAt: 1_000 }),
      expect.objectContaining({ text: 'Use the shared rubric', itemId: 'item1', createdAt: 2_000 }),
    ])
  })

  it('[E1] stores one line: white space collapsed, trimmed', () => {
    const doc = new Y.Doc()
    addDecision(doc, { text: '  Adopt\n the   rubric \t' })
    expect(readDecisions(doc).map((d) => d.text)).toEqual(['Adopt the rubric'])
  })

  it('[E1] refuses blank or over-long text and item ids that are not ids, writing nothing', () => {
    const doc = new Y.Doc()
    expect(addDecision(doc, { text: '   \n ' })).toBeNull()
    expect(addDecision(doc, { text: 'x'.repeat(DECISION_MAX_CHARS + 1) })).toBeNull()
    expect(addDecision(doc, { text: 'Fine', itemId: 'not an id!' })).toBeNull()
    expect(decisionsMap(doc).size).toBe(0)
    expect(addDecision(doc, { text: 'x'.repeat(DECISION_MAX_CHARS) })).not.toBeNull()
  })

  it('[E1] edits text and item; a refused edit changes nothing', () => {
    const doc = new Y.Doc()
    const id = addDecision(doc, { text: 'Draft', itemId: 'item1' }) as string
    expect(editDecision(doc, id, { text: 'Final wording', itemId: null })).toBe(true)
    expect(readDecisions(doc)[0]).toMatchObject({ text: 'Final wording', itemId: null })
    expect(editDecision(doc, id, { text: ' ' })).toBe(false)
    expect(editDecision(doc, id, { itemId: '../x' })).toBe(false)
    expect(editDecision(doc, 'unknown', { text: 'x' })).toBe(false)
    expect(readDecisions(doc)[0]).toMatchObject({ text: 'Final wording', itemId: null })
    removeDecision(doc, id)
    expect(readDecisions(doc)).toEqual([])
  })

  it('[E1] skips what any client could write that is not a decision', () => {
    const doc = new Y.Doc()
    const map = decisionsMap(doc)
    const entry = (fields: Record<string, unknown>) => {
      const m = new Y.Map<unknown>()
      for (const [k, v] of Object.entries(fields)) m.set(k, v)
      return m
    }
    map.set('number', entry({ text: 7, itemId: null }))
    map.set('blank', entry({ text: '  ' }))
    map.set('huge', entry({ text: 'y'.repeat(DECISION_MAX_CHARS + 1) }))
    map.set('flat', 'just a string' as unknown as Y.Map<unknown>)
    map.set('ok', entry({ text: 'Kept', itemId: 42, createdAt: 'yesterday' }))
    map.set('bad-item', entry({ text: 'Also kept', itemId: 'a/b', createdAt: 5 }))
    expect(readDecisions(doc)).toEqual([
      { id: 'ok', text: 'Kept', itemId: null, createdAt: 0 },
      { id: 'bad-item', text: 'Also kept', itemId: null, createdAt: 5 },
    ])
  })

  it('[E1] two people deciding at once keep both; replicas agree on the order', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    addDecision(a, { text: 'From A' }, 10, 'aaa')
    addDecision(b, { text: 'From B' }, 10, 'bbb')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readDecisions(a).map((d) => d.text)).toEqual(['From A', 'From B'])
    expect(readDecisions(b)).toEqual(readDecisions(a))
  })

  it('[E1] a restore brings decisions back with the rest of the meeting', () => {
    const old = new Y.Doc()
    addDecision(old, { text: 'Keep this' }, 1, 'd1')
    const live = new Y.Doc()
    Y.applyUpdate(live, Y.encodeStateAsUpdate(old))
    removeDecision(live, 'd1')
    addDecision(live, { text: 'Later one' }, 2, 'd2')
    restoreTopLevel(live, old, RESTORABLE.meeting)
    expect(readDecisions(live).map((d) => d.text)).toEqual(['Keep this'])
  })
})

import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  actionsMap,
  addAction,
  carryOverActions,
  mergeActionFields,
  openActions,
  readActionCopies,
  readActions,
  updateAction,
} from '../src/actions.ts'

describe('action items', () => {
  it('reads in an order every replica agrees on: open first, then by due date', () => {
    const doc = new Y.Doc()
    addAction(doc, { text: 'Share rubric', due: '2026-12-04' })
    const done = addAction(doc, { text: 'Book room' })
    addAction(doc, { text: 'Email parents', due: '2026-12-01', ownerId: 'u2' })
    addAction(doc, { text: 'Undated' })
    updateAction(doc, done, { done: true })
    expect(readActions(doc).map((a) => a.text)).toEqual([
      'Email parents',
      'Share rubric',
      'Undated',
      'Book room',
    ])
    expect(openActions(doc)).toHaveLength(3)
  })

  it('reads foreign shapes safely: bad due dates and types fall back', () => {
    const doc = new Y.Doc()
    const map = new Y.Map<unknown>()
    map.set('text', 7)
    map.set('due', 'next week')
    map.set('done', 1)
    actionsMap(doc).set('x', map)
    actionsMap(doc).set('y', 'nonsense' as unknown as Y.Map<unknown>)
    expect(readActions(doc)).toEqual([
      { id: 'x', text: '', ownerId: null, due: null, done: false, fromMeetingId: null },
    ])
  })

  it('refuses to store a due date that is not YYYY-MM-DD', () => {
    const doc = new Y.Doc()
    const id = addAction(doc, { text: 'x', due: '12/01/2026' })
    expect(readActions(doc)[0]?.due).toBeNull()
    updateAction(doc, id, { due: '2026-12-01' })
    expect(readActions(doc)[0]?.due).toBe('2026-12-01')
  })

  it('carries open items over exactly once, linked to the meeting they came from', () => {
    const last = new Y.Doc()
    addAction(last, { text: 'Bring student work', ownerId: 'u1', due: '2026-12-01' })
    const finished = addAction(last, { text: 'Done already' })
    updateAction(last, finished, { done: true })
    const next = new Y.Doc()
    expect(carryOverActions(openActions(last), 'm1', next)).toBe(1)
    expect(carryOverActions(openActions(last), 'm1', next)).toBe(0)
    expect(readActions(next)).toEqual([
      expect.objectContaining({
        text: 'Bring student work',
        ownerId: 'u1',
        due: '2026-12-01',
        fromMeetingId: 'm1',
      }),
    ])
  })

  it('two servers carrying over at once still leave one copy of each item', () => {
    const last = new Y.Doc()
    addAction(last, { text: 'Only once' })
    const a = new Y.Doc()
    const b = new Y.Doc()
    carryOverActions(openActions(last), 'm1', a)
    carryOverActions(openActions(last), 'm1', b)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readActions(a).map((x) => x.text)).toEqual(['Only once'])
    expect(readActions(b)).toEqual(readActions(a))
  })

  it('T1: stamps each changed field, above the stamp it replaces even from a clock that is behind', () => {
    const doc = new Y.Doc()
    const id = addAction(doc, { text: 'Share rubric' })
    const added = readActionCopies(doc)[0]?.changedAt.text ?? 0
    expect(added).toBeGreaterThan(0)
    updateAction(doc, id, { done: true }, 5_000)
    updateAction(doc, id, { text: 'Share the rubric' }, added - 60_000)
    const [copy] = readActionCopies(doc)
    expect(copy?.changedAt.done).toBe(Math.max(5_000, added + 1))
    expect(copy?.changedAt.text).toBe(added + 1)
    expect(copy?.changedAt.due).toBe(added)
  })

  it('T1: writing what an item already holds changes nothing', () => {
    const doc = new Y.Doc()
    const id = addAction(doc, { text: 'Share rubric', due: '2026-12-01' })
    let updates = 0
    doc.on('update', () => {
      updates += 1
    })
    updateAction(doc, id, { text: 'Share rubric', due: '2026-12-01', ownerId: null, done: false })
    expect(updates).toBe(0)
  })

  it('T1: merging a copy writes the given values and stamps where they differ, once', () => {
    const doc = new Y.Doc()
    const id = addAction(doc, { text: 'Share rubric' })
    let updates = 0
    doc.on('update', () => {
      updates += 1
    })
    expect(mergeActionFields(doc, id, { done: true, text: 'Share rubric' }, { done: 9e12, text: 1 })).toBe(
      true,
    )
    expect(updates).toBe(1)
    expect(readActionCopies(doc)[0]).toMatchObject({ done: true, changedAt: { done: 9e12, text: 1 } })
    mergeActionFields(doc, id, { done: true, text: 'Share rubric' }, { done: 9e12, text: 1 })
    expect(updates).toBe(1)
    expect(mergeActionFields(doc, 'missing', { done: true }, {})).toBe(false)
  })

  it('T1: a carried copy keeps the stamps of the item it copies', () => {
    const last = new Y.Doc()
    const id = addAction(last, { text: 'Bring student work' })
    updateAction(last, id, { ownerId: 'u1' }, 9e12)
    const next = new Y.Doc()
    carryOverActions(readActionCopies(last), 'm1', next)
    expect(readActionCopies(next)[0]?.changedAt).toEqual(readActionCopies(last)[0]?.changedAt)
  })
})

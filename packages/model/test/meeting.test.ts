import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAgendaItem, itemNotes, itemsMap, orderArray, readAgenda, seedMeeting } from '../src/meeting.ts'

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('meeting agenda', () => {
  it('reads items in order with their fields', () => {
    const doc = new Y.Doc()
    const a = addAgendaItem(doc, { title: 'Norms', minutes: 5 })
    const b = addAgendaItem(doc, { title: 'Data', minutes: 20, ownerId: 'u1' }, 0)
    expect(readAgenda(doc)).toEqual([
      { id: b, title: 'Data', minutes: 20, ownerId: 'u1', done: false, protocolId: null },
      { id: a, title: 'Norms', minutes: 5, ownerId: null, done: false, protocolId: null },
    ])
    expect(itemNotes(doc, a)).toBeInstanceOf(Y.XmlFragment)
  })

  it('skips unknown ids and keeps the first of duplicates', () => {
    const doc = new Y.Doc()
    const a = addAgendaItem(doc, { title: 'A' })
    const b = addAgendaItem(doc, { title: 'B' })
    orderArray(doc).push(['ghost', a])
    orderArray(doc).insert(0, [b])
    expect(readAgenda(doc).map((i) => i.title)).toEqual(['B', 'A'])
  })

  it('shows items missing from the order at the end rather than hiding their notes', () => {
    const doc = new Y.Doc()
    const a = addAgendaItem(doc, { title: 'A' })
    addAgendaItem(doc, { title: 'B' })
    orderArray(doc).delete(0, 1)
    expect(readAgenda(doc).map((i) => i.id)).toContain(a)
    expect(readAgenda(doc).map((i) => i.title)).toEqual(['B', 'A'])
  })

  it('reads fields of the wrong type written by a foreign client as safe defaults', () => {
    const doc = new Y.Doc()
    const item = new Y.Map<unknown>()
    item.set('title', 42)
    item.set('minutes', -3)
    item.set('done', 'yes')
    item.set('ownerId', { evil: true })
    item.set('notes', 'not a fragment')
    itemsMap(doc).set('x1', item)
    itemsMap(doc).set('x2', 'not a map' as unknown as Y.Map<unknown>)
    orderArray(doc).push(['x1', 'x2'])
    expect(readAgenda(doc)).toEqual([
      { id: 'x1', title: '', minutes: 0, ownerId: null, done: false, protocolId: null },
    ])
    expect(itemNotes(doc, 'x1')).toBeNull()
  })

  it('seeds an empty meeting once, and never a meeting that has items', () => {
    const doc = new Y.Doc()
    seedMeeting(doc)
    seedMeeting(doc)
    expect(readAgenda(doc).map((i) => i.title)).toEqual(['Notes'])
  })

  it('concurrent moves of the same item converge to one position on every replica', () => {
    const left = new Y.Doc()
    const ids = ['A', 'B', 'C'].map((title) => addAgendaItem(left, { title }))
    const right = new Y.Doc()
    sync(left, right)
    // Both move C: left to the top, right to the middle (delete + insert, as the UI does).
    left.transact(() => {
      orderArray(left).delete(2, 1)
      orderArray(left).insert(0, [ids[2] as string])
    })
    right.transact(() => {
      orderArray(right).delete(2, 1)
      orderArray(right).insert(1, [ids[2] as string])
    })
    sync(left, right)
    const seenLeft = readAgenda(left).map((i) => i.title)
    expect(seenLeft).toEqual(readAgenda(right).map((i) => i.title))
    expect([...seenLeft].sort()).toEqual(['A', 'B', 'C'])
  })
})

import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addAgendaItem,
  appendAgendaItems,
  itemNotes,
  itemsMap,
  moveAgendaItem,
  orderArray,
  readAgenda,
  removeAgendaItem,
  updateAgendaItem,
} from '../src/agenda.ts'

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
      {
        id: b,
        title: 'Data',
        minutes: 20,
        ownerId: 'u1',
        done: false,
        protocolId: null,
        planLink: null,
        goalId: null,
      },
      {
        id: a,
        title: 'Norms',
        minutes: 5,
        ownerId: null,
        done: false,
        protocolId: null,
        planLink: null,
        goalId: null,
      },
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
      {
        id: 'x1',
        title: '',
        minutes: 0,
        ownerId: null,
        done: false,
        protocolId: null,
        planLink: null,
        goalId: null,
      },
    ])
    expect(itemNotes(doc, 'x1')).toBeNull()
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

describe('moving agenda items', () => {
  function agenda(...titles: string[]): { doc: Y.Doc; ids: Record<string, string> } {
    const doc = new Y.Doc()
    const ids: Record<string, string> = {}
    for (const title of titles) ids[title] = addAgendaItem(doc, { title })
    return { doc, ids }
  }
  const titles = (doc: Y.Doc) => readAgenda(doc).map((i) => i.title)

  it.each([
    ['A', 0, ['A', 'B', 'C', 'D']],
    ['A', 2, ['B', 'C', 'A', 'D']],
    ['D', 0, ['D', 'A', 'B', 'C']],
    ['B', 3, ['A', 'C', 'D', 'B']],
    ['B', 99, ['A', 'C', 'D', 'B']],
  ] as const)('moves %s to position %i', (title, to, expected) => {
    const { doc, ids } = agenda('A', 'B', 'C', 'D')
    moveAgendaItem(doc, ids[title] as string, to)
    expect(titles(doc)).toEqual(expected)
  })

  it('keeps an item’s notes when it moves', () => {
    const { doc, ids } = agenda('A', 'B')
    const notes = itemNotes(doc, ids.B as string)
    notes?.insert(0, [new Y.XmlText('feedback: warm and cool')])
    moveAgendaItem(doc, ids.B as string, 0)
    expect(itemNotes(doc, ids.B as string)?.toString()).toBe('feedback: warm and cool')
  })

  it('concurrent moves and a concurrent removal converge on every replica', () => {
    const { doc: left, ids } = agenda('A', 'B', 'C', 'D')
    const right = new Y.Doc()
    const third = new Y.Doc()
    sync(left, right)
    sync(left, third)
    moveAgendaItem(left, ids.D as string, 0)
    moveAgendaItem(right, ids.D as string, 2)
    moveAgendaItem(right, ids.A as string, 3)
    removeAgendaItem(third, ids.B as string)
    sync(left, right)
    sync(right, third)
    sync(left, third)
    const seen = titles(left)
    expect(titles(right)).toEqual(seen)
    expect(titles(third)).toEqual(seen)
    expect([...seen].sort()).toEqual(['A', 'C', 'D'])
  })

  it('updates fields and ignores impossible minutes', () => {
    const { doc, ids } = agenda('A')
    updateAgendaItem(doc, ids.A as string, { title: 'Norms', minutes: 7.6, done: true, ownerId: 'u1' })
    updateAgendaItem(doc, ids.A as string, { minutes: -5 })
    expect(readAgenda(doc)[0]).toMatchObject({ title: 'Norms', minutes: 8, done: true, ownerId: 'u1' })
  })

  it('appends template items in order', () => {
    const doc = new Y.Doc()
    appendAgendaItems(doc, [
      { title: 'One', minutes: 5 },
      { title: 'Two', minutes: 10 },
    ])
    expect(readAgenda(doc).map((i) => [i.title, i.minutes])).toEqual([
      ['One', 5],
      ['Two', 10],
    ])
  })
})

import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAgendaItem, itemNotes, itemsMap, readAgenda } from '../src/agenda.ts'
import { DELETE_LEVELS, nestingOf, RESTORABLE, restoreTopLevel, trimDeepest } from '../src/restore.ts'

const DEEP = 3_000
/** Yjs spends time per level on every nested type it integrates: seconds on a busy machine. */
const SLOW = { timeout: 20_000 }

/** Nests `levels` elements under the item's notes, the last holding `text`, one integrated level at a time. */
function nestNotes(doc: Y.Doc, itemId: string, levels: number, text: string): void {
  doc.transact(() => {
    let parent: Y.XmlFragment | null = itemNotes(doc, itemId)
    for (let level = 1; level <= levels && parent; level++) {
      const element: Y.XmlElement = new Y.XmlElement(level % 2 ? 'bulletList' : 'listItem')
      parent.insert(parent.length, [element])
      parent = element
    }
    parent?.insert(0, [new Y.XmlText(text)])
  })
}

/** A chain of maps `levels` deep under an item, as a hostile client could write. */
function nestMaps(doc: Y.Doc, itemId: string, levels: number): void {
  doc.transact(() => {
    let parent = itemsMap(doc).get(itemId) as Y.Map<unknown>
    for (let level = 1; level <= levels; level++) {
      const child = new Y.Map<unknown>()
      parent.set('deeper', child)
      parent = child
    }
    parent.set('bottom', true)
  })
}

/** The deepest text under a fragment, found without recursion. */
function deepestText(fragment: Y.XmlFragment): string {
  let node: Y.XmlFragment = fragment
  for (;;) {
    const child = node.get(0)
    if (child instanceof Y.XmlElement) node = child
    else return child instanceof Y.XmlText ? child.toString() : ''
  }
}

describe('restoring deep documents', () => {
  it(
    '[H6] copies notes and maps nested 3,000 levels deep whole (recursion overflowed at 2,000), and every replica can apply the change',
    SLOW,
    () => {
      const old = new Y.Doc()
      const item = addAgendaItem(old, { title: 'Deep' })
      nestNotes(old, item, DEEP, 'the bottom')
      nestMaps(old, item, DEEP)
      const live = new Y.Doc()
      addAgendaItem(live, { title: 'Something else' })
      const replica = new Y.Doc()
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(live))
      live.on('update', (update: Uint8Array) => Y.applyUpdate(replica, update))

      restoreTopLevel(live, old, RESTORABLE.meeting)

      for (const doc of [live, replica]) {
        expect(readAgenda(doc).map((i) => i.title)).toEqual(['Deep'])
        expect(nestingOf(doc, RESTORABLE.meeting)).toEqual(nestingOf(old, RESTORABLE.meeting))
        expect(deepestText(itemNotes(doc, item) as Y.XmlFragment)).toBe('the bottom')
      }
      expect(nestingOf(live, RESTORABLE.meeting)).toEqual({ depth: DEEP + 2, xmlDepth: DEEP })
    },
  )

  it(
    '[H6] deletes deep content from the bottom, a bounded number of levels per change, before a restore over it',
    SLOW,
    () => {
      const old = new Y.Doc()
      const item = addAgendaItem(old, { title: 'Before the flood' })
      const live = new Y.Doc()
      Y.applyUpdate(live, Y.encodeStateAsUpdate(old))
      nestNotes(live, item, DEEP, 'the flood')
      const replica = new Y.Doc()
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(live))
      const updates: Uint8Array[] = []
      live.on('update', (update: Uint8Array) => {
        updates.push(update)
        Y.applyUpdate(replica, update)
      })

      let rounds = 0
      while (trimDeepest(live, RESTORABLE.meeting)) rounds += 1
      // Below `items`: the item, its notes and 3,000 elements, cut DELETE_LEVELS at a time.
      expect(rounds).toBe(Math.ceil((DEEP + 2 - DELETE_LEVELS) / DELETE_LEVELS))
      expect(nestingOf(live, RESTORABLE.meeting).depth).toBeLessThanOrEqual(DELETE_LEVELS)
      restoreTopLevel(live, old, RESTORABLE.meeting)

      expect(updates).toHaveLength(rounds + 1)
      for (const doc of [live, replica]) {
        expect(itemNotes(doc, item)?.length).toBe(0)
        expect(nestingOf(doc, RESTORABLE.meeting).xmlDepth).toBe(0)
      }
    },
  )
})

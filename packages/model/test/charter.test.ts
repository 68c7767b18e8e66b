import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAgendaItem, itemNotes, readAgenda } from '../src/agenda.ts'
import {
  addNorm,
  moveNorm,
  normsArray,
  normsVersion,
  preambleFragment,
  readNorms,
  removeNorm,
  updateNorm,
} from '../src/charter.ts'
import { RESTORABLE, restoreTopLevel } from '../src/restore.ts'

describe('charter norms', () => {
  it('adds, edits, moves and removes norms by id', () => {
    const doc = new Y.Doc()
    const a = addNorm(doc, 'Start on time')
    const b = addNorm(doc, 'Listen first')
    updateNorm(doc, a, 'Start and end on time')
    moveNorm(doc, b, 0)
    expect(readNorms(doc)).toEqual([
      { id: b, text: 'Listen first' },
      { id: a, text: 'Start and end on time' },
    ])
    removeNorm(doc, b)
    expect(readNorms(doc).map((n) => n.id)).toEqual([a])
  })

  it('skips foreign shapes and duplicate ids', () => {
    const doc = new Y.Doc()
    const a = addNorm(doc, 'One')
    const dup = new Y.Map<unknown>()
    dup.set('id', a)
    dup.set('text', 'Copy')
    normsArray(doc).push([dup, 'junk' as unknown as Y.Map<unknown>])
    expect(readNorms(doc)).toEqual([{ id: a, text: 'One' }])
  })

  it('[N1] the version changes with a reworded, added or removed norm, not with order, spacing or the preamble', async () => {
    const doc = new Y.Doc()
    const a = addNorm(doc, 'We start on time.')
    addNorm(doc, 'We listen first.')
    const v1 = await normsVersion(readNorms(doc))
    moveNorm(doc, a, 1)
    updateNorm(doc, a, '  We start   on time. ')
    preambleFragment(doc).insert(0, [new Y.XmlText('Our team charter')])
    expect(await normsVersion(readNorms(doc))).toBe(v1)
    updateNorm(doc, a, 'We start on time, always.')
    expect(await normsVersion(readNorms(doc))).not.toBe(v1)
  })
})

describe('restoring an earlier version', () => {
  it('brings back old content as new changes that reach every replica', () => {
    const live = new Y.Doc()
    const item = addAgendaItem(live, { title: 'Data' })
    itemNotes(live, item)?.insert(0, [new Y.XmlText('first draft')])
    const old = new Y.Doc()
    Y.applyUpdate(old, Y.encodeStateAsUpdate(live))
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(live))

    const notesBefore = itemNotes(live, item)
    addAgendaItem(live, { title: 'Added later' })
    itemNotes(live, item)?.delete(0, 1)
    const before = Y.encodeStateVector(other)
    restoreTopLevel(live, old, RESTORABLE.meeting)
    Y.applyUpdate(other, Y.encodeStateAsUpdate(live, before))
    for (const doc of [live, other]) {
      expect(readAgenda(doc).map((i) => i.title)).toEqual(['Data'])
      expect(itemNotes(doc, item)?.toString()).toBe('first draft')
    }
    // The notes fragment is the same object: an editor bound to it keeps working.
    expect(itemNotes(live, item)).toBe(notesBefore)
  })
})

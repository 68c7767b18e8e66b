import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction } from '../src/actions.ts'
import { addAgendaItem, itemNotes } from '../src/agenda.ts'
import { addNorm, preambleFragment } from '../src/charter.ts'
import { addDecision } from '../src/decisions.ts'
import { addEvidence, addGoal } from '../src/plan.ts'
import {
  charterSearchEntries,
  fragmentText,
  meetingSearchEntries,
  planSearchEntries,
  searchEntriesOf,
} from '../src/search-entries.ts'

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph')
  p.insert(0, [new Y.XmlText(text)])
  return p
}

describe('[Q1] what search holds of a document', () => {
  it('a meeting: each agenda item with its notes, action items and decisions linked to their item', () => {
    const doc = new Y.Doc()
    const fractions = addAgendaItem(doc, { title: 'Fractions data' })
    addAgendaItem(doc, { title: '' })
    itemNotes(doc, fractions)?.push([paragraph('Half the class'), paragraph('used number lines')])
    addAction(doc, { text: 'Share the rubric' })
    addDecision(doc, { text: 'Reteach equivalence', itemId: fractions })
    expect(meetingSearchEntries(doc)).toEqual([
      { kind: 'item', itemId: fractions, title: 'Fractions data', text: 'Half the class\nused number lines' },
      { kind: 'action', itemId: null, title: 'Share the rubric', text: '' },
      { kind: 'decision', itemId: fractions, title: 'Reteach equivalence', text: '' },
    ])
  })

  it('a charter: its norms, then its preamble', () => {
    const doc = new Y.Doc()
    addNorm(doc, 'Start on time')
    preambleFragment(doc).push([paragraph('We keep students at the centre.')])
    expect(charterSearchEntries(doc)).toEqual([
      { kind: 'norm', itemId: null, title: 'Start on time', text: '' },
      { kind: 'preamble', itemId: null, title: '', text: 'We keep students at the centre.' },
    ])
  })

  it('a plan: goals with what measures them, and evidence', () => {
    const doc = new Y.Doc()
    addGoal(doc, { statement: 'Fluency in fractions', measure: 'Exit tickets', target: '80%' })
    addEvidence(doc, { date: '2030-03-01', tried: 'Number talks', showed: 'More students explained' })
    expect(planSearchEntries(doc)).toEqual([
      { kind: 'goal', itemId: null, title: 'Fluency in fractions', text: 'Exit tickets\n80%' },
      { kind: 'evidence', itemId: null, title: 'Number talks', text: 'More students explained' },
    ])
  })

  it('run documents hold nothing to find', () => {
    expect(searchEntriesOf({ kind: 'meetingRun', meetingId: 'm1' }, new Y.Doc())).toBeNull()
    expect(searchEntriesOf({ kind: 'meeting', meetingId: 'm1' }, new Y.Doc())).toEqual([])
  })

  // Recursion overflowed at 2,000 levels (restore.test.ts); Yjs integrates a level at a time, slowly.
  it('[H6] reads notes nested 3,000 levels deep, without recursion', { timeout: 20_000 }, () => {
    const doc = new Y.Doc()
    const root = doc.getXmlFragment('deep')
    doc.transact(() => {
      let parent: Y.XmlFragment | Y.XmlElement = root
      for (let i = 0; i < 3_000; i++) {
        const child: Y.XmlElement = new Y.XmlElement('blockquote')
        parent.insert(0, [child])
        parent = child
      }
      parent.insert(0, [paragraph('at the bottom')])
    })
    expect(fragmentText(root)).toBe('at the bottom')
  })
})

import * as Y from 'yjs'
import { readActions } from './actions.ts'
import { itemNotes, readAgenda } from './agenda.ts'
import { preambleFragment, readNorms } from './charter.ts'
import { readDecisions } from './decisions.ts'
import type { DocumentName } from './document-names.ts'
import { readPlan } from './plan.ts'

/**
 * What the search index holds of a document (issue 29, SPEC Q1): one entry per thing a person
 * would look for and open. `title` is the thing's own name or words (ranked above `text`, the
 * body around it); `itemId` is the agenda item a hit opens, when there is one.
 */
export type DocumentEntryKind = 'item' | 'action' | 'decision' | 'norm' | 'preamble' | 'goal' | 'evidence'

export interface SearchEntry {
  kind: DocumentEntryKind
  itemId: string | null
  title: string
  text: string
}

/**
 * Plain text of a rich-text fragment, a line per block (an element's own text, then its
 * children's). A loop with its own stack: a document any client wrote may nest thousands of
 * levels deep, and recursion would overflow the stack.
 */
export function fragmentText(node: Y.XmlFragment | Y.XmlElement): string {
  const lines: string[] = []
  const stack: (Y.XmlFragment | Y.XmlElement)[] = [node]
  for (let next = stack.pop(); next; next = stack.pop()) {
    const children = next.toArray()
    let inline = ''
    for (const child of children) {
      if (!(child instanceof Y.XmlText)) continue
      for (const op of child.toDelta() as { insert?: unknown }[]) {
        if (typeof op.insert === 'string') inline += op.insert
      }
    }
    if (inline) lines.push(inline)
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]
      if (child instanceof Y.XmlElement) stack.push(child)
    }
  }
  return lines.join('\n')
}

const filled = (entry: SearchEntry) => entry.title.trim() !== '' || entry.text.trim() !== ''

/** A meeting's agenda items (title and notes), action items and decisions, in that order. */
export function meetingSearchEntries(doc: Y.Doc): SearchEntry[] {
  const items = readAgenda(doc).map((item): SearchEntry => {
    const notes = itemNotes(doc, item.id)
    return { kind: 'item', itemId: item.id, title: item.title, text: notes ? fragmentText(notes) : '' }
  })
  const actions = readActions(doc).map(
    (action): SearchEntry => ({ kind: 'action', itemId: null, title: action.text, text: '' }),
  )
  const decisions = readDecisions(doc).map(
    (decision): SearchEntry => ({
      kind: 'decision',
      itemId: decision.itemId,
      title: decision.text,
      text: '',
    }),
  )
  return [...items, ...actions, ...decisions].filter(filled)
}

/** The charter's norms, then its preamble. */
export function charterSearchEntries(doc: Y.Doc): SearchEntry[] {
  const norms = readNorms(doc).map(
    (norm): SearchEntry => ({ kind: 'norm', itemId: null, title: norm.text, text: '' }),
  )
  const preamble: SearchEntry = {
    kind: 'preamble',
    itemId: null,
    title: '',
    text: fragmentText(preambleFragment(doc)),
  }
  return [...norms, preamble].filter(filled)
}

/** The plan's goals (statement; measure, target, what it aligns to) and evidence (tried; showed). */
export function planSearchEntries(doc: Y.Doc): SearchEntry[] {
  const plan = readPlan(doc)
  const goals = plan.goals.map(
    (goal): SearchEntry => ({
      kind: 'goal',
      itemId: null,
      title: goal.statement,
      text: [goal.measure, goal.target, goal.alignsTo].filter((part) => part.trim() !== '').join('\n'),
    }),
  )
  const evidence = plan.evidence.map(
    (entry): SearchEntry => ({ kind: 'evidence', itemId: null, title: entry.tried, text: entry.showed }),
  )
  return [...goals, ...evidence].filter(filled)
}

/** The entries of a document by its name's kind; null for documents search does not hold (run state). */
export function searchEntriesOf(name: DocumentName, doc: Y.Doc): SearchEntry[] | null {
  switch (name.kind) {
    case 'meeting':
      return meetingSearchEntries(doc)
    case 'charter':
      return charterSearchEntries(doc)
    case 'plan':
      return planSearchEntries(doc)
    default:
      return null
  }
}

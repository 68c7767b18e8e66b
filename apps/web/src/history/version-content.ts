import { fragmentText, itemNotes, readActions, readAgenda, readNorms } from '@confer/model'
import * as Y from 'yjs'
import type { HistorySource } from './history-api.ts'
import { planEntries } from './plan-entries.ts'

/** One comparable piece of a document: an agenda item or a norm, or the preamble. */
export interface ContentEntry {
  id: string
  label: string
  /** The text to compare, one block per line. */
  text: string
}

/** What a meeting, charter or plan document says, in the order it is shown. */
export function documentEntries(source: HistorySource, doc: Y.Doc): ContentEntry[] {
  if (source.kind === 'plan') return planEntries(doc)
  if (source.kind === 'charter') {
    const preamble = fragmentText(doc.getXmlFragment('preamble'))
    return [
      { id: 'preamble', label: 'Preamble', text: preamble },
      ...readNorms(doc).map((norm, i) => ({ id: norm.id, label: `Norm ${i + 1}`, text: norm.text })),
    ]
  }
  return readAgenda(doc).map((item) => {
    const notes = itemNotes(doc, item.id)
    return {
      id: item.id,
      label: item.title.trim() || 'Untitled item',
      text: notes ? fragmentText(notes) : '',
    }
  })
}

/** What a version view compares: a group of the document, with the facts besides the text. */
export interface ComparedEntry extends ContentEntry {
  group: 'agenda' | 'actions' | 'charter' | 'plan'
  /** Where it stood in its group (1-based): the agenda's order. */
  position: number
  /** Its other fields as one line (minutes, owner, due, done), compared word by word. */
  facts: string
}

/** Someone's name for an owner id; null when nobody is set. */
export type NameOf = (userId: string) => string

/**
 * Everything a person would notice changed: for a meeting, each agenda item's title, minutes,
 * owner, place and notes, and each action item's text, owner, due date and whether it is done
 * (SPEC V4); for a charter, the preamble and norms; for a plan, its goals, cycle and evidence.
 */
export function comparedEntries(source: HistorySource, doc: Y.Doc, nameOf: NameOf): ComparedEntry[] {
  if (source.kind === 'charter' || source.kind === 'plan') {
    return documentEntries(source, doc).map((entry, i) => ({
      ...entry,
      group: source.kind,
      position: i,
      facts: '',
    }))
  }
  const owner = (id: string | null) => (id === null ? 'no owner' : `owner ${nameOf(id)}`)
  const agenda = readAgenda(doc).map((item, i): ComparedEntry => {
    const notes = itemNotes(doc, item.id)
    return {
      id: item.id,
      group: 'agenda',
      position: i + 1,
      label: item.title.trim() || 'Untitled item',
      facts: `${item.minutes} min · ${owner(item.ownerId)}${item.done ? ' · done' : ''}`,
      text: notes ? fragmentText(notes) : '',
    }
  })
  const actions = readActions(doc).map(
    (action, i): ComparedEntry => ({
      id: `action:${action.id}`,
      group: 'actions',
      position: i + 1,
      label: 'Action item',
      facts: `${owner(action.ownerId)} · ${action.due ? `due ${action.due}` : 'no due date'} · ${action.done ? 'done' : 'open'}`,
      text: action.text,
    }),
  )
  return [...agenda, ...actions]
}

/** A document rebuilt from a version's update, for reading only. */
export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return doc
}

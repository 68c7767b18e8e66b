import { itemNotes, readAgenda, readNorms } from '@confer/model'
import * as Y from 'yjs'
import type { HistorySource } from './history-api.ts'

/** One comparable piece of a document: an agenda item or a norm, or the preamble. */
export interface ContentEntry {
  id: string
  label: string
  /** The text to compare, one block per line. */
  text: string
}

/**
 * Plain text of a rich-text fragment, a line per block (an element's own text, then its
 * children's). A loop with its own stack: a version any client wrote may nest thousands of
 * levels deep, and recursion would overflow the browser's stack.
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

/** What a meeting or charter document says, in the order it is shown. */
export function documentEntries(source: HistorySource, doc: Y.Doc): ContentEntry[] {
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

/** A document rebuilt from a version's update, for reading only. */
export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return doc
}

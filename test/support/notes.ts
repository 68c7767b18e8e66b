import { itemNotes, readAgenda } from '@confer/model'
import * as Y from 'yjs'

/** The notes fragment of the meeting's first agenda item (the one the server seeds). */
export function firstNotes(doc: Y.Doc): Y.XmlFragment | null {
  const first = readAgenda(doc)[0]
  return first ? itemNotes(doc, first.id) : null
}

/** Appends a paragraph to the first item's notes, as an editor would. */
export function typeParagraph(doc: Y.Doc, text: string): void {
  const notes = firstNotes(doc)
  if (!notes) throw new Error('the meeting has no notes to type into')
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  notes.push([paragraph])
}

/** The first item's notes as plain paragraphs. */
export function paragraphs(doc: Y.Doc): string[] {
  const notes = firstNotes(doc)
  if (!notes) return []
  return notes.toArray().map((node) =>
    node instanceof Y.XmlElement
      ? node
          .toArray()
          .map((t) => t.toString())
          .join('')
      : '',
  )
}

import type { Command } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { TextSelection } from '@tiptap/pm/state'
import { NOTE_HEADING_LEVELS } from '../editor/editor-extensions.ts'

/** A heading in the notes and where the part under it ends. */
export interface HeadingSection {
  /** Position of the heading block. */
  from: number
  /** The next heading of the same or a higher level, or the end of the notes. */
  end: number
}

const isHeading = (node: ProseMirrorNode | null | undefined) => node?.type.name === 'heading'

/** The first top-level heading whose text is exactly `title`, with its section; null when there is none. */
export function findHeadingSection(doc: ProseMirrorNode, title: string): HeadingSection | null {
  const wanted = title.trim()
  let found: { from: number; level: number } | null = null
  // A top-level block's offset in the document's content is its position.
  let offset = 0
  for (let i = 0; i < doc.childCount; i++) {
    const node = doc.child(i)
    if (isHeading(node)) {
      const level = Number(node.attrs.level)
      if (found && level <= found.level) return { from: found.from, end: offset }
      if (!found && node.textContent.trim() === wanted) found = { from: offset, level }
    }
    offset += node.nodeSize
  }
  return found && { from: found.from, end: doc.content.size }
}

/**
 * Puts the caret where feedback on a protocol step belongs: under the step's heading. The heading
 * is added at the end of the notes, with an empty line under it, unless a heading with that text
 * is already there; then the caret goes to the end of its section instead, so asking twice (or
 * after a colleague did) never writes the heading twice. One transaction, so it syncs as one edit.
 */
export const placeUnderStepHeading =
  (title: string): Command =>
  ({ tr, dispatch }) => {
    if (!dispatch) return true
    const { schema } = tr.doc.type
    const paragraph = schema.nodes.paragraph
    const heading = schema.nodes.heading
    if (!paragraph || !heading) return false
    const section = findHeadingSection(tr.doc, title)
    if (section && !isHeading(tr.doc.resolve(section.end).nodeBefore)) {
      tr.setSelection(TextSelection.near(tr.doc.resolve(section.end), -1))
    } else if (section) {
      // Nothing to type under yet (the part ends in a heading): a new line, not the caret in a heading.
      tr.insert(section.end, paragraph.create())
      tr.setSelection(TextSelection.create(tr.doc, section.end + 1))
    } else {
      const block = heading.create({ level: NOTE_HEADING_LEVELS[0] }, schema.text(title.trim()))
      // An empty last line (fresh notes, or where the caret was waiting) becomes the heading.
      const last = tr.doc.lastChild
      const end = tr.doc.content.size
      const from = last?.type === paragraph && last.childCount === 0 ? end - last.nodeSize : end
      tr.replaceWith(from, end, [block, paragraph.create()])
      tr.setSelection(TextSelection.create(tr.doc, from + block.nodeSize + 1))
    }
    tr.scrollIntoView()
    return true
  }

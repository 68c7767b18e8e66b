import * as Y from 'yjs'
import { codeBlock, codeSpan, escapeLineStarts, escapeText, field, safeHref } from './markdown-text.ts'

/**
 * Renders Tiptap notes stored as a Y.XmlFragment (ProseMirror node names from StarterKit, task
 * lists and tables) as Markdown, on the server, without a browser or an editor instance.
 * Whatever a client wrote, every word comes out and nothing else does (SPEC H6): all text is
 * escaped, links keep only safe addresses, and nesting deeper than a reader can follow is
 * written as flat paragraphs by a loop, so no document can exhaust the stack.
 */
export function notesToMarkdown(fragment: Y.XmlFragment): string {
  return blocks(fragment.toArray(), 0).join('\n\n').trim()
}

/** Lists and quotes nested deeper than this (Tiptap users rarely pass 6) read as flat text. */
const MAX_BLOCK_DEPTH = 16
/** Inline elements inside inline elements (Tiptap's only one is the hard break) past this read as text. */
const MAX_INLINE_DEPTH = 4

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook

interface DeltaOp {
  insert?: unknown
  attributes?: Record<string, unknown>
}

/** The characters of a text node, without its marks (embeds are not text). */
function plain(text: Y.XmlText): string {
  return (text.toDelta() as DeltaOp[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('')
}

/**
 * The text under `root` in reading order, a line per element that holds text, unescaped. A loop
 * with its own stack: it is what renders nesting of any depth.
 */
function flatText(root: Node): string[] {
  const lines: string[] = []
  const stack: Node[] = [root]
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node instanceof Y.XmlText) {
      const text = plain(node)
      if (text.trim()) lines.push(text)
      continue
    }
    if (!(node instanceof Y.XmlElement)) continue
    const children = node.toArray()
    const text = children.map((child) => (child instanceof Y.XmlText ? plain(child) : '')).join('')
    if (text.trim()) lines.push(text)
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]
      if (child instanceof Y.XmlElement) stack.push(child)
    }
  }
  return lines
}

/** Flat text as escaped paragraphs. */
function flatParagraphs(node: Node): string {
  return flatText(node)
    .map((line) => escapeLineStarts(escapeText(line)))
    .join('\n\n')
}

/** Inline text with marks: bold, italic, strike, code, links. In a table, it stays on one line. */
function inline(node: Node, depth: number, inTable: boolean): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as DeltaOp[])
      .map((op) => {
        if (typeof op.insert !== 'string' || op.insert === '') return ''
        const marks = op.attributes ?? {}
        if ('code' in marks) return codeSpan(op.insert, inTable)
        let text = escapeText(op.insert)
        if ('bold' in marks) text = `**${text}**`
        if ('italic' in marks) text = `*${text}*`
        if ('strike' in marks) text = `~~${text}~~`
        const link = marks.link as { href?: unknown } | undefined
        const href = link && typeof link.href === 'string' ? safeHref(link.href) : null
        // A link to anywhere else keeps its words and loses its address.
        return href ? `[${text}](${href})` : text
      })
      .join('')
  }
  if (node instanceof Y.XmlElement) {
    if (node.nodeName === 'hardBreak') return inTable ? ' ' : '  \n'
    if (depth >= MAX_INLINE_DEPTH) return escapeText(flatText(node).join(' '))
    return node
      .toArray()
      .map((child) => inline(child as Node, depth + 1, inTable))
      .join('')
  }
  return ''
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line ? prefix + line : line))
    .join('\n')
}

function listItems(
  list: Y.XmlElement,
  depth: number,
  marker: (index: number, item: Y.XmlElement) => string,
): string {
  return list
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement)
    .map((item, index) => {
      const head = marker(index, item)
      const body = blocks(item.toArray() as Node[], depth + 1).join('\n')
      return head + indent(body, ' '.repeat(head.length)).slice(head.length)
    })
    .join('\n')
}

const elements = (node: Y.XmlElement): Y.XmlElement[] =>
  node.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement)

/** A cell on one line: its paragraphs with their marks, anything else as plain text. */
function cell(element: Y.XmlElement): string {
  return element
    .toArray()
    .map((child) =>
      child instanceof Y.XmlElement && (child.nodeName === 'paragraph' || child.nodeName === 'heading')
        ? inline(child, 0, true)
        : escapeText(flatText(child as Node).join(' ')),
    )
    .filter((text) => text.trim() !== '')
    .join(' ')
}

function table(element: Y.XmlElement): string {
  const rows = elements(element).map((row) => elements(row).map(cell))
  if (rows.length === 0) return ''
  const width = rows.reduce((most, row) => Math.max(most, row.length), 1)
  const line = (cells: string[]) =>
    `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`
  const [head = [], ...body] = rows
  return [
    line(head),
    `| ${Array.from({ length: width }, () => '---').join(' | ')} |`,
    ...body.map(line),
  ].join('\n')
}

function block(node: Node, depth: number): string {
  if (!(node instanceof Y.XmlElement)) return escapeLineStarts(inline(node, 0, false))
  if (depth > MAX_BLOCK_DEPTH) return flatParagraphs(node)
  switch (node.nodeName) {
    case 'paragraph':
      return escapeLineStarts(inline(node, 0, false))
    case 'heading': {
      const level = Math.min(Math.max(Number(node.getAttribute('level')) || 1, 1), 6)
      // Notes sit under the item's own heading, so their headings start one level lower.
      return `${'#'.repeat(Math.min(level + 2, 6))} ${inline(node, 0, false).replace(/ {2}\n/g, ' ')}`
    }
    case 'bulletList':
      return listItems(node, depth, () => '- ')
    case 'orderedList': {
      const start = Math.min(Math.max(Math.trunc(Number(node.getAttribute('start'))) || 1, 0), 999_999)
      return listItems(node, depth, (i) => `${start + i}. `)
    }
    case 'taskList':
      return listItems(node, depth, (_, item) => (isChecked(item) ? '- [x] ' : '- [ ] '))
    case 'blockquote':
      // Every line carries the marker, blank ones too: a bare blank line would end the quote.
      return blocks(node.toArray() as Node[], depth + 1)
        .join('\n\n')
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n')
    case 'codeBlock':
      return codeBlock(flatText(node).join('\n'), node.getAttribute('language'))
    case 'horizontalRule':
      return '---'
    case 'table':
      return table(node)
    case 'image':
      // The file lives behind the community's access check; the summary names it instead (RS9).
      return `\\[Image: ${field(imageAlt(node))}\\]`
    default:
      return blocks(node.toArray() as Node[], depth + 1).join('\n\n')
  }
}

export function imageAlt(node: Y.XmlElement): string {
  const alt = node.getAttribute('alt') as unknown
  return typeof alt === 'string' && alt.trim() ? alt : 'no description'
}

function isChecked(item: Y.XmlElement): boolean {
  const checked = item.getAttribute('checked') as unknown
  return checked === true || checked === 'true'
}

function blocks(nodes: Node[], depth: number): string[] {
  return nodes.map((n) => block(n, depth)).filter((text) => text.length > 0)
}

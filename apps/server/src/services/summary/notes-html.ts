import * as Y from 'yjs'
import { escapeHtml, htmlHref } from './html-text.ts'
import { imageAlt } from './notes-markdown.ts'

/**
 * Renders Tiptap notes stored as a Y.XmlFragment as HTML for the print view (SPEC X1), the way
 * notes-markdown.ts renders them as Markdown: every word comes out escaped and nothing else does
 * (no element, attribute or address a writer chose: only the tags below, links to http, https
 * and mailto), and nesting past what a reader can follow is written as flat paragraphs by a loop.
 */
export function notesToHtml(fragment: Y.XmlFragment): string {
  return blocks(fragment.toArray() as Node[], 0).join('\n')
}

const MAX_BLOCK_DEPTH = 16
const MAX_INLINE_DEPTH = 4

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook

interface DeltaOp {
  insert?: unknown
  attributes?: Record<string, unknown>
}

function plain(text: Y.XmlText): string {
  return (text.toDelta() as DeltaOp[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('')
}

/** The text under `root` in reading order, a line per element that holds text; a loop, for any depth. */
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

const flatParagraphs = (node: Node) =>
  flatText(node)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n')

function inline(node: Node, depth: number): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as DeltaOp[])
      .map((op) => {
        if (typeof op.insert !== 'string' || op.insert === '') return ''
        const marks = op.attributes ?? {}
        let text = escapeHtml(op.insert)
        if ('code' in marks) text = `<code>${text}</code>`
        if ('bold' in marks) text = `<strong>${text}</strong>`
        if ('italic' in marks) text = `<em>${text}</em>`
        if ('strike' in marks) text = `<s>${text}</s>`
        const link = marks.link as { href?: unknown } | undefined
        const href = link && typeof link.href === 'string' ? htmlHref(link.href) : null
        // A link to anywhere else keeps its words and loses its address.
        return href ? `<a href="${href}" rel="noreferrer">${text}</a>` : text
      })
      .join('')
  }
  if (node instanceof Y.XmlElement) {
    if (node.nodeName === 'hardBreak') return '<br>'
    if (depth >= MAX_INLINE_DEPTH) return escapeHtml(flatText(node).join(' '))
    return node
      .toArray()
      .map((child) => inline(child as Node, depth + 1))
      .join('')
  }
  return ''
}

const elements = (node: Y.XmlElement): Y.XmlElement[] =>
  node.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement)

function isChecked(item: Y.XmlElement): boolean {
  const checked = item.getAttribute('checked') as unknown
  return checked === true || checked === 'true'
}

function listItems(list: Y.XmlElement, depth: number, task: boolean): string {
  return elements(list)
    .map((item) => {
      const box = task ? `<span class="box">${isChecked(item) ? '☑' : '☐'}</span> ` : ''
      return `<li>${box}${blocks(item.toArray() as Node[], depth + 1).join('\n')}</li>`
    })
    .join('\n')
}

function cell(element: Y.XmlElement, depth: number): string {
  return blocks(element.toArray() as Node[], depth + 1).join('\n')
}

function table(element: Y.XmlElement, depth: number): string {
  const rows = elements(element).map((row) => elements(row))
  if (rows.length === 0) return ''
  const tr = (cells: Y.XmlElement[]) =>
    `<tr>${cells
      .map((c) => {
        const tag = c.nodeName === 'tableHeader' ? 'th' : 'td'
        return `<${tag}>${cell(c, depth)}</${tag}>`
      })
      .join('')}</tr>`
  return `<table>\n${rows.map(tr).join('\n')}\n</table>`
}

function block(node: Node, depth: number): string {
  if (!(node instanceof Y.XmlElement)) {
    const text = inline(node, 0)
    return text ? `<p>${text}</p>` : ''
  }
  if (depth > MAX_BLOCK_DEPTH) return flatParagraphs(node)
  switch (node.nodeName) {
    case 'paragraph': {
      const text = inline(node, 0)
      return text ? `<p>${text}</p>` : ''
    }
    case 'heading': {
      // Notes sit under the item's own heading (h3), so their headings start lower.
      const level = Math.min(Math.max(Number(node.getAttribute('level')) || 1, 1), 6)
      const tag = `h${Math.min(level + 3, 6)}`
      return `<${tag}>${inline(node, 0)}</${tag}>`
    }
    case 'bulletList':
      return `<ul>\n${listItems(node, depth, false)}\n</ul>`
    case 'orderedList': {
      const start = Math.min(Math.max(Math.trunc(Number(node.getAttribute('start'))) || 1, 0), 999_999)
      return `<ol start="${start}">\n${listItems(node, depth, false)}\n</ol>`
    }
    case 'taskList':
      return `<ul class="tasks">\n${listItems(node, depth, true)}\n</ul>`
    case 'blockquote':
      return `<blockquote>\n${blocks(node.toArray() as Node[], depth + 1).join('\n')}\n</blockquote>`
    case 'codeBlock':
      return `<pre><code>${escapeHtml(flatText(node).join('\n'))}</code></pre>`
    case 'horizontalRule':
      return '<hr>'
    case 'table':
      return table(node, depth)
    case 'image':
      // The print view loads nothing (its CSP): the image is named where it stood (RS9).
      return `<p class="image">[Image: ${escapeHtml(imageAlt(node))}]</p>`
    default:
      return blocks(node.toArray() as Node[], depth + 1).join('\n')
  }
}

function blocks(nodes: Node[], depth: number): string[] {
  return nodes.map((n) => block(n, depth)).filter((html) => html.length > 0)
}

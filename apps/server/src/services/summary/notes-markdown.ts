import * as Y from 'yjs'

/**
 * Renders Tiptap notes stored as a Y.XmlFragment (ProseMirror node names from StarterKit, task
 * lists and tables) as Markdown, on the server, without a browser or an editor instance.
 */
export function notesToMarkdown(fragment: Y.XmlFragment): string {
  return blocks(fragment.toArray()).join('\n\n').trim()
}

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook

interface DeltaOp {
  insert?: unknown
  attributes?: Record<string, unknown>
}

function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1')
}

/** Inline text with marks: bold, italic, strike, code, links. */
function inline(node: Node): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as DeltaOp[])
      .map((op) => {
        if (typeof op.insert !== 'string') return ''
        const marks = op.attributes ?? {}
        if ('code' in marks) return `\`${op.insert.replace(/`/g, '\\`')}\``
        let text = escapeInline(op.insert)
        if ('bold' in marks) text = `**${text}**`
        if ('italic' in marks) text = `*${text}*`
        if ('strike' in marks) text = `~~${text}~~`
        const link = marks.link as { href?: unknown } | undefined
        // Parentheses and spaces in an address would end the Markdown link early.
        if (link && typeof link.href === 'string')
          text = `[${text}](${link.href.replace(/[()\s]/g, encodeURIComponent)})`
        return text
      })
      .join('')
  }
  if (node instanceof Y.XmlElement) {
    if (node.nodeName === 'hardBreak') return '  \n'
    return node
      .toArray()
      .map((child) => inline(child as Node))
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

function listItems(list: Y.XmlElement, marker: (index: number, item: Y.XmlElement) => string): string {
  return list
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement)
    .map((item, index) => {
      const head = marker(index, item)
      const body = blocks(item.toArray() as Node[]).join('\n')
      return head + indent(body, ' '.repeat(head.length)).slice(head.length)
    })
    .join('\n')
}

function table(element: Y.XmlElement): string {
  const rows = element
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement)
    .map((row) =>
      row
        .toArray()
        .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement)
        .map((cell) =>
          blocks(cell.toArray() as Node[])
            .join(' ')
            .replace(/\n/g, ' '),
        ),
    )
  if (rows.length === 0) return ''
  const width = Math.max(...rows.map((r) => r.length))
  const line = (cells: string[]) =>
    `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`
  const [head = [], ...body] = rows
  return [
    line(head),
    `| ${Array.from({ length: width }, () => '---').join(' | ')} |`,
    ...body.map(line),
  ].join('\n')
}

function block(node: Node): string {
  if (!(node instanceof Y.XmlElement)) return inline(node)
  switch (node.nodeName) {
    case 'paragraph':
      return inline(node)
    case 'heading': {
      const level = Math.min(Math.max(Number(node.getAttribute('level')) || 1, 1), 6)
      // Notes sit under the item's own heading, so their headings start one level lower.
      return `${'#'.repeat(Math.min(level + 2, 6))} ${inline(node)}`
    }
    case 'bulletList':
      return listItems(node, () => '- ')
    case 'orderedList': {
      const start = Number(node.getAttribute('start')) || 1
      return listItems(node, (i) => `${start + i}. `)
    }
    case 'taskList':
      return listItems(node, (_, item) => (isChecked(item) ? '- [x] ' : '- [ ] '))
    case 'blockquote':
      return indent(blocks(node.toArray() as Node[]).join('\n\n'), '> ')
    case 'codeBlock': {
      const language = node.getAttribute('language')
      return `\`\`\`${typeof language === 'string' ? language : ''}\n${node
        .toArray()
        .map((t) => t.toString())
        .join('')}\n\`\`\``
    }
    case 'horizontalRule':
      return '---'
    case 'table':
      return table(node)
    default:
      return blocks(node.toArray() as Node[]).join('\n\n')
  }
}

function isChecked(item: Y.XmlElement): boolean {
  const checked = item.getAttribute('checked') as unknown
  return checked === true || checked === 'true'
}

function blocks(nodes: Node[]): string[] {
  return nodes.map((n) => block(n)).filter((text) => text.length > 0)
}

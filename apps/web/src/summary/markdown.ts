/**
 * A small Markdown reader for the subset the server's summary.md uses: headings, paragraphs,
 * bulleted, numbered and task lists (nested), block quotes, tables, code, rules; inline bold,
 * italic, strike-through, code, links and hard breaks. It builds a tree that MarkdownView turns
 * into React elements: nothing is ever parsed as HTML.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong' | 'em' | 'del'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'break' }

export interface ListItem {
  /** true/false for a task ("[x]" / "[ ]"), null for a plain item. */
  checked: boolean | null
  children: Block[]
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; start: number; items: ListItem[] }
  | { type: 'quote'; children: Block[] }
  | { type: 'table'; head: Inline[][]; rows: Inline[][][] }
  | { type: 'code'; text: string }
  | { type: 'rule' }

const HEADING = /^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/
const RULE = /^ {0,3}([-*_])(\s*\1){2,}\s*$/
/** An opening code fence: three or more backticks, and an info string without any. */
const FENCE = /^ {0,3}(`{3,})[^`]*$/
const QUOTE = /^ {0,3}>\s?/
const LIST_ITEM = /^( {0,3})([-*+]|(\d{1,9})[.)])(\s+)(.*)$/
const TABLE_ROW = /^ {0,3}\|/
const TABLE_RULE = /^ {0,3}\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/
const TASK = /^\[([ xX])\]\s+(.*)$/s

const isBlank = (line: string) => line.trim() === ''
const indentOf = (line: string) => line.length - line.trimStart().length

export function parseMarkdown(source: string): Block[] {
  return parseBlocks(source.replace(/\r\n?/g, '\n').split('\n'))
}

function startsBlock(line: string, next: string | undefined): boolean {
  return (
    HEADING.test(line) ||
    RULE.test(line) ||
    FENCE.test(line) ||
    QUOTE.test(line) ||
    LIST_ITEM.test(line) ||
    (TABLE_ROW.test(line) && next !== undefined && TABLE_RULE.test(next))
  )
}

function parseBlocks(lines: string[]): Block[] {
  const blocks: Block[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines[i] ?? ''
    const next = lines[i + 1]
    if (isBlank(line)) {
      i += 1
      continue
    }
    const heading = HEADING.exec(line)
    if (heading) {
      const level = (heading[1] ?? '#').length as 1 | 2 | 3 | 4 | 5 | 6
      blocks.push({ type: 'heading', level, children: parseInline(heading[2] ?? '') })
      i += 1
    } else if (FENCE.test(line)) {
      const size = (FENCE.exec(line)?.[1] ?? '```').length
      const body: string[] = []
      i += 1
      while (i < lines.length && !closesFence(lines[i] ?? '', size)) body.push(lines[i++] ?? '')
      i += 1 // the closing fence (or the end)
      blocks.push({ type: 'code', text: body.join('\n') })
    } else if (RULE.test(line)) {
      blocks.push({ type: 'rule' })
      i += 1
    } else if (QUOTE.test(line)) {
      const inner: string[] = []
      while (i < lines.length && QUOTE.test(lines[i] ?? '')) inner.push((lines[i++] ?? '').replace(QUOTE, ''))
      blocks.push({ type: 'quote', children: parseBlocks(inner) })
    } else if (TABLE_ROW.test(line) && next !== undefined && TABLE_RULE.test(next)) {
      const head = splitRow(line)
      const rows: Inline[][][] = []
      i += 2
      while (i < lines.length && TABLE_ROW.test(lines[i] ?? '')) rows.push(splitRow(lines[i++] ?? ''))
      blocks.push({ type: 'table', head, rows })
    } else if (LIST_ITEM.test(line)) {
      i = parseList(lines, i, blocks)
    } else {
      const text: string[] = [line.trimStart()]
      i += 1
      while (i < lines.length && !isBlank(lines[i] ?? '') && !startsBlock(lines[i] ?? '', lines[i + 1])) {
        text.push((lines[i++] ?? '').trimStart())
      }
      blocks.push({ type: 'paragraph', children: parseInline(text.join('\n')) })
    }
  }
  return blocks
}

/** CommonMark: only a run of backticks at least as long as the opening one, alone on its line, closes a fence. */
function closesFence(line: string, size: number): boolean {
  const run = /^ {0,3}(`{3,})\s*$/.exec(line)?.[1]
  return run !== undefined && run.length >= size
}

/** Reads one list starting at `start`; returns the index of the first line after it. */
function parseList(lines: string[], start: number, into: Block[]): number {
  const first = LIST_ITEM.exec(lines[start] ?? '')
  const ordered = first?.[3] !== undefined
  const baseIndent = (first?.[1] ?? '').length
  const items: ListItem[] = []
  let i = start
  while (i < lines.length) {
    const match = LIST_ITEM.exec(lines[i] ?? '')
    if (!match || (match[1] ?? '').length !== baseIndent || (match[3] !== undefined) !== ordered) break
    const contentIndent = baseIndent + (match[2] ?? '').length + (match[4] ?? ' ').length
    const rest: string[] = []
    i += 1
    while (i < lines.length) {
      const line = lines[i] ?? ''
      if (isBlank(line)) {
        // A blank line continues the item only when more of it follows, indented.
        let j = i + 1
        while (j < lines.length && isBlank(lines[j] ?? '')) j += 1
        if (j < lines.length && indentOf(lines[j] ?? '') >= contentIndent) {
          for (; i < j; i++) rest.push('')
          continue
        }
        break
      }
      if (indentOf(line) > baseIndent && indentOf(line) >= Math.min(contentIndent, baseIndent + 2)) {
        rest.push(line)
        i += 1
        continue
      }
      break
    }
    // A loop, not Math.min(...lines): spreading a long item's lines would overflow the stack.
    let dedent = Number.POSITIVE_INFINITY
    for (const l of rest) if (!isBlank(l)) dedent = Math.min(dedent, indentOf(l))
    const body = [match[5] ?? '', ...rest.map((l) => l.slice(Number.isFinite(dedent) ? dedent : 0))]
    const task = TASK.exec(body[0] ?? '')
    if (task) body[0] = task[2] ?? ''
    items.push({
      checked: task ? (task[1] ?? ' ').toLowerCase() === 'x' : null,
      children: parseBlocks(body),
    })
  }
  into.push({ type: 'list', ordered, start: ordered ? Number(first?.[3] ?? 1) : 1, items })
  return i
}

function splitRow(line: string): Inline[][] {
  const cells: string[] = []
  let cell = ''
  const text = line.trim().replace(/^\|/, '').replace(/\|$/, '')
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '\\' && text[i + 1] === '|') {
      // GFM: an escaped pipe is a pipe in the cell, inside code spans too.
      cell += '|'
      i += 1
    } else if (c === '|') {
      cells.push(cell)
      cell = ''
    } else {
      cell += c
    }
  }
  cells.push(cell)
  return cells.map((c) => parseInline(c.trim()))
}

/** CommonMark: any ASCII punctuation character can be escaped with a backslash. */
const ESCAPABLE = /[!-/:-@[-`{-~]/

/**
 * Links keep only web, mail and in-app addresses; anything else shows as plain text. Tabs and
 * line breaks are dropped first, as a browser's URL parser does, and an in-app path may not
 * start like another host's address (`//` or `/\`).
 */
export function safeHref(href: string): string | null {
  const url = href.replace(/[\t\n\r]/g, '').trim()
  if (/\p{Cc}/u.test(url)) return null
  if (/^(https?:|mailto:)/i.test(url)) return url
  if (/^\/(?![/\\])/.test(url)) return url
  if (url.startsWith('#')) return url
  return null
}

/** The end of a delimiter run at `from`, of exactly `size` characters `char`, or -1. */
function findCloser(s: string, from: number, char: string, size: number): number {
  let i = from
  while (i < s.length) {
    const c = s[i]
    if (c === '\\') {
      i += 2
      continue
    }
    if (c === '`') {
      const end = s.indexOf('`', i + 1)
      i = end === -1 ? i + 1 : end + 1
      continue
    }
    if (c === char) {
      let run = 0
      while (s[i + run] === char) run += 1
      if (run === size && i > from) return i
      i += run
      continue
    }
    i += 1
  }
  return -1
}

/** The index of the `]` closing the `[` at `open`, or -1. */
function closingBracket(s: string, open: number): number {
  let depth = 0
  for (let i = open; i < s.length; i++) {
    const c = s[i]
    if (c === '\\') i += 1
    else if (c === '[') depth += 1
    else if (c === ']' && --depth === 0) return i
  }
  return -1
}

/** Where a run of exactly `size` backticks starts at or after `from`, or -1. */
function closingBackticks(s: string, from: number, size: number): number {
  let i = s.indexOf('`', from)
  while (i !== -1) {
    let run = 0
    while (s[i + run] === '`') run += 1
    if (run === size) return i
    i = s.indexOf('`', i + run)
  }
  return -1
}

/** A code span's text (CommonMark): line breaks are spaces, one padding space is dropped each side. */
function codeText(raw: string): string {
  const text = raw.replace(/\n/g, ' ')
  return /^ .* $/s.test(text) && text.trim() !== '' ? text.slice(1, -1) : text || ' '
}

function unescapeText(text: string): string {
  return text.replace(/\\(.)/g, (whole, c: string) => (ESCAPABLE.test(c) ? c : whole))
}

export function parseInline(s: string): Inline[] {
  const out: Inline[] = []
  let buffer = ''
  const flush = () => {
    if (buffer) out.push({ type: 'text', text: buffer })
    buffer = ''
  }
  let i = 0
  while (i < s.length) {
    const c = s[i] ?? ''
    if (c === '\\' && i + 1 < s.length) {
      const next = s[i + 1] ?? ''
      if (next === '\n') {
        flush()
        out.push({ type: 'break' })
      } else {
        buffer += ESCAPABLE.test(next) ? next : c + next
      }
      i += 2
      continue
    }
    if (c === '\n') {
      if (buffer.endsWith('  ')) {
        buffer = buffer.trimEnd()
        flush()
        out.push({ type: 'break' })
      } else {
        buffer = `${buffer.trimEnd()} `
      }
      i += 1
      continue
    }
    if (c === '`') {
      let run = 0
      while (s[i + run] === '`') run += 1
      const end = closingBackticks(s, i + run, run)
      if (end === -1) {
        // An unmatched run is literal text, all of it (CommonMark).
        buffer += s.slice(i, i + run)
        i += run
        continue
      }
      flush()
      out.push({ type: 'code', text: codeText(s.slice(i + run, end)) })
      i = end + run
      continue
    }
    if (c === '[') {
      const close = closingBracket(s, i)
      if (close !== -1 && s[close + 1] === '(') {
        const end = s.indexOf(')', close + 2)
        if (end !== -1) {
          const href = safeHref(unescapeText(s.slice(close + 2, end)))
          const children = parseInline(s.slice(i + 1, close))
          flush()
          if (href) out.push({ type: 'link', href, children })
          else out.push(...children)
          i = end + 1
          continue
        }
      }
    }
    if (c === '*' || c === '_' || c === '~') {
      let run = 0
      while (s[i + run] === c) run += 1
      const size = c === '~' ? (run >= 2 ? 2 : 0) : Math.min(run, 3)
      if (size > 0) {
        const closer = findCloser(s, i + size, c, size)
        if (closer !== -1) {
          const inner = parseInline(s.slice(i + size, closer))
          flush()
          if (c === '~') out.push({ type: 'del', children: inner })
          else if (size === 1) out.push({ type: 'em', children: inner })
          else if (size === 2) out.push({ type: 'strong', children: inner })
          else out.push({ type: 'em', children: [{ type: 'strong', children: inner }] })
          i = closer + size
          continue
        }
      }
      buffer += s.slice(i, i + run)
      i += run
      continue
    }
    buffer += c
    i += 1
  }
  flush()
  return out
}

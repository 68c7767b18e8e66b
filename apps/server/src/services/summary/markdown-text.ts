/**
 * Putting text that anyone in a meeting typed into Markdown, so that every CommonMark (and GFM)
 * reader shows it as that text: no raw HTML, no entity, no link or block the writer did not make
 * (SPEC H6). Everything here works on one field at a time.
 */

/** The characters that start inline syntax anywhere in a line, HTML and entities included. */
const INLINE_SPECIALS = /[\\`*_[\]<>#|~&]/g

/** Text shown as itself in the middle of a line; line breaks become spaces. */
export function escapeText(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(INLINE_SPECIALS, '\\$&')
}

/** One field (a title, a name, an action) on one line, escaped. */
export function field(text: string): string {
  return escapeText(text.replace(/\s+/g, ' ').trim())
}

/**
 * Each line of already escaped text, made unable to start a block: a list marker, a setext
 * underline or a thematic break at the start of a line would otherwise become structure, and
 * indentation a code block.
 */
export function escapeLineStarts(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .trimStart()
        .replace(/^[-+=]/, '\\$&')
        .replace(/^(\d{1,9})([.)])/, '$1\\$2'),
    )
    .join('\n')
}

/** The longest run of backticks in `text` (0 when there is none). */
function longestBacktickRun(text: string): number {
  let longest = 0
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  return longest
}

/**
 * Inline code: delimited by a backtick run longer than any inside (backslashes do not escape in
 * code), padded when the code starts or ends with a backtick. In a table cell a pipe would end the
 * cell even inside code, so it is escaped there (GFM removes that backslash again).
 */
export function codeSpan(text: string, inTable = false): string {
  const code = text.replace(/\r\n?|\n/g, ' ')
  const fence = '`'.repeat(longestBacktickRun(code) + 1)
  const pad = /^[` ]|[` ]$/.test(code) && code.trim() !== '' ? ' ' : ''
  const body = inTable ? code.replace(/\|/g, '\\|') : code
  return `${fence}${pad}${body}${pad}${fence}`
}

/**
 * A fenced code block whose fence is longer than any backtick run inside, so no line of the code
 * can close it (CommonMark). An info string is kept only when it is a plain language name.
 */
export function codeBlock(text: string, language: unknown): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1))
  const info = typeof language === 'string' && /^[\w+#.-]{1,32}$/.test(language) ? language : ''
  return `${fence}${info}\n${text.replace(/\r\n?/g, '\n')}\n${fence}`
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:'])

/**
 * A link destination safe to put between parentheses, or null: only absolute http, https and
 * mailto addresses pass, judged after the WHATWG URL parser (as a browser would) strips tabs and
 * line breaks, so `java\tscript:` is seen for what it is. Characters that would end or bend the
 * destination are percent-encoded.
 */
export function safeHref(href: string): string | null {
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return null
  }
  if (!SAFE_SCHEMES.has(url.protocol)) return null
  return url.href.replace(
    /[()<>\\`\s\p{Cc}]/gu,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  )
}

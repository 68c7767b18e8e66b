import { SEARCH_QUERY_MAX_CHARS, SEARCH_QUERY_MAX_TERMS } from '@confer/api'
import type { SearchClause, SearchQuery, SearchTerm } from '../../stores/search-store.ts'
import { ServiceError } from '../service-error.ts'

/**
 * The text with a space for each character that is never a word: the index's highlight markers,
 * and NUL (PostgreSQL text has none).
 */
export function withoutUnindexable(text: string): string {
  return text.replace(/[\uE000\uE001]/g, ' ').replaceAll('\0', ' ')
}
/** A word is only something the tokenizers keep: a letter or a digit somewhere in it. */
const WORDY = /[\p{L}\p{N}]/u

/**
 * Reads what someone typed the way web search engines (and PostgreSQL's websearch_to_tsquery)
 * do: words must all appear, "a quoted phrase" in that order, -word or -"a phrase" must not,
 * and `or` between words offers alternatives. Unbalanced quotes close at the end; `-` counts
 * only at the start of a word. Null when there is nothing to look for (only punctuation, only
 * exclusions): the answer is then no results. A query longer than SEARCH_QUERY_MAX_CHARS or
 * with more than SEARCH_QUERY_MAX_TERMS terms is a 400.
 */
export function parseSearchQuery(input: string): SearchQuery | null {
  const text = withoutUnindexable(input).trim()
  if (text === '') throw invalid('Type something to search for.')
  if (text.length > SEARCH_QUERY_MAX_CHARS) {
    throw invalid(`A search is at most ${SEARCH_QUERY_MAX_CHARS} characters.`)
  }
  const clauses: SearchClause[] = []
  let clause: { include: SearchTerm[]; exclude: SearchTerm[] } = { include: [], exclude: [] }
  let terms = 0
  let i = 0
  while (i < text.length) {
    const c = text.charAt(i)
    if (/\s/.test(c)) {
      i++
      continue
    }
    let negated = false
    if (c === '-' && i + 1 < text.length && !/\s/.test(text.charAt(i + 1))) {
      negated = true
      i++
    }
    let words: string[]
    let quoted = false
    if (text.charAt(i) === '"') {
      quoted = true
      const end = text.indexOf('"', i + 1)
      const stop = end === -1 ? text.length : end
      words = text.slice(i + 1, stop).split(/\s+/)
      i = stop + 1
    } else {
      let end = i
      while (end < text.length && !/[\s"]/.test(text.charAt(end))) end++
      words = [text.slice(i, end)]
      i = end
    }
    if (!quoted && !negated && words[0]?.toLowerCase() === 'or') {
      if (clause.include.length > 0) clauses.push(clause)
      clause = { include: [], exclude: [] }
      continue
    }
    const term = words.filter((w) => WORDY.test(w))
    if (term.length === 0) continue
    if (++terms > SEARCH_QUERY_MAX_TERMS) {
      throw invalid(`A search has at most ${SEARCH_QUERY_MAX_TERMS} words and phrases.`)
    }
    ;(negated ? clause.exclude : clause.include).push(term)
  }
  if (clause.include.length > 0) clauses.push(clause)
  return clauses.length > 0 ? { clauses } : null
}

const invalid = (message: string) => new ServiceError(400, 'invalid_request', message)

import type { SearchQuery, SearchTerm } from '../search-store.ts'

/**
 * A parsed web-search query as an FTS5 MATCH expression with the same meaning as PostgreSQL's
 * websearch_to_tsquery: every term a quoted FTS5 string (a phrase of whatever tokens the
 * table's tokenizer finds in it, so no input is ever FTS5 syntax), terms of a clause ANDed,
 * exclusions NOT, clauses ORed. Quotes never reach here (the parser splits on them).
 */
export function fts5Match(query: SearchQuery): string {
  return query.clauses
    .map((clause) => {
      const include = clause.include.map(quoted).join(' AND ')
      const exclude = clause.exclude.map((term) => ` NOT ${quoted(term)}`).join('')
      return `((${include})${exclude})`
    })
    .join(' OR ')
}

function quoted(term: SearchTerm): string {
  return `"${term.join(' ').replaceAll('"', '""')}"`
}

import { describe, expect, it } from 'vitest'
import { unmark } from '../src/services/search/marked-text.ts'
import { parseSearchQuery } from '../src/services/search/search-query.ts'
import { websearchText } from '../src/stores/postgres/postgres-search-store.ts'
import { fts5Match } from '../src/stores/sqlite/fts5-query.ts'

describe('[Q4] reading a query as web search does', () => {
  it.each([
    ['fractions exit', [{ include: [['fractions'], ['exit']], exclude: [] }]],
    ['"exit ticket" -decimals', [{ include: [['exit', 'ticket']], exclude: [['decimals']] }]],
    ['rubric -"first draft"', [{ include: [['rubric']], exclude: [['first', 'draft']] }]],
    [
      'small-group or "whole class',
      [
        { include: [['small-group']], exclude: [] },
        { include: [['whole', 'class']], exclude: [] },
      ],
    ],
    // A clause of exclusions only has nothing to look for; a dangling or is a word separator.
    ['or rubric or -draft or', [{ include: [['rubric']], exclude: [] }]],
    ['OR', null],
    ['!!! - " "', null],
  ])('%s', (input, clauses) => {
    expect(parseSearchQuery(input)).toEqual(clauses === null ? null : { clauses })
  })

  it('writes one query for each engine, with nothing in it either engine reads as syntax', () => {
    const query = parseSearchQuery('NEAR(exit "ticket*" -col:umn or a^b')
    expect(fts5Match(query ?? { clauses: [] })).toBe(
      '(("NEAR(exit" AND "ticket*") NOT "col:umn") OR (("a^b"))',
    )
    expect(websearchText(query ?? { clauses: [] })).toBe('"NEAR(exit" "ticket*" -"col:umn" or "a^b"')
  })

  it.each([
    ['', 'Type something'],
    ['x'.repeat(201), 'at most 200'],
    [Array.from({ length: 17 }, (_, i) => `w${i}`).join(' '), 'at most 16'],
  ])('refuses %j with a 400', (input, message) => {
    expect(() => parseSearchQuery(input)).toThrow(
      expect.objectContaining({ status: 400, message: expect.stringContaining(message) }),
    )
  })
})

describe('[Q6] marked passages become text and ranges', () => {
  it('merges the words of a phrase, and ends an unclosed mark at the end', () => {
    expect(unmark('the \uE000exit\uE001 \uE000ticket\uE001 and \uE000rubric')).toEqual({
      text: 'the exit ticket and rubric',
      ranges: [
        [4, 15],
        [20, 26],
      ],
    })
  })
})

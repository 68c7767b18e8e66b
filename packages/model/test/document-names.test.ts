import { describe, expect, it } from 'vitest'
import { formatDocumentName, parseDocumentName } from '../src/document-names.ts'

describe('document names', () => {
  it.each([
    ['meeting/m1', { kind: 'meeting', meetingId: 'm1' }],
    ['meeting/m1/run', { kind: 'meetingRun', meetingId: 'm1' }],
    ['community/c-1/charter', { kind: 'charter', communityId: 'c-1' }],
    ['community/c_1/plan', { kind: 'plan', communityId: 'c_1' }],
  ] as const)('parses %j and formats it back', (name, parsed) => {
    expect(parseDocumentName(name)).toEqual(parsed)
    expect(formatDocumentName(parsed)).toBe(name)
  })

  it.each([
    '',
    'meeting',
    'meeting/',
    'meeting//run',
    'meeting/m1/',
    'meeting/m1/notes',
    'meeting/m 1',
    'meeting/m1/run/extra',
    'community/c1',
    'community/c1/',
    'community/c1/agenda',
    'plan/c1',
    'meeting/é',
    `meeting/${'a'.repeat(65)}`,
  ])('refuses %j', (name) => {
    expect(parseDocumentName(name)).toBeNull()
  })
})

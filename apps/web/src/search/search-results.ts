import type { SearchKind, SearchResult } from '@confer/api'
import { matchedWords } from './Highlighted.tsx'

/** What a kind of hit is called, in a result's label. */
export const KIND_LABELS: Record<SearchKind, string> = {
  meeting: 'Meeting',
  item: 'Agenda item',
  action: 'Action item',
  decision: 'Decision',
  norm: 'Norm',
  preamble: 'Charter preamble',
  goal: 'Goal',
  evidence: 'Evidence',
  resource: 'Resource',
}

/** Words carried to the page a result opens, at most this many, to mark there. */
const MAX_MARKED = 5

/** Results of one meeting, or of one community's charter, plan and resources. */
export interface ResultGroup {
  key: string
  communityId: string
  meetingId: string | null
  /** The meeting's title, or null for a community's other records. */
  meetingTitle: string | null
  meetingStartsAt: string | null
  cancelled: boolean
  /** Each with its place in the answer, a key for the list it is shown in. */
  results: (SearchResult & { rank: number })[]
}

/**
 * Groups results by meeting (and a community's charter, plan and resources together), in the
 * order of each group's best result: the server ranks, the page only gathers.
 */
export function groupResults(results: readonly SearchResult[]): ResultGroup[] {
  const groups = new Map<string, ResultGroup>()
  for (const [rank, result] of results.entries()) {
    const key = result.meetingId ? `meeting:${result.meetingId}` : `community:${result.communityId}`
    let group = groups.get(key)
    if (!group) {
      group = {
        key,
        communityId: result.communityId,
        meetingId: result.meetingId ?? null,
        meetingTitle: result.meetingId ? (result.meetingTitle ?? '') : null,
        meetingStartsAt: result.meetingStartsAt ?? null,
        cancelled: result.cancelled === true,
        results: [],
      }
      groups.set(key, group)
    }
    group.results.push({ ...result, rank })
  }
  return [...groups.values()]
}

/**
 * Where a result opens: the meeting at its item with the matched words marked there
 * (`?item=&mark=`), the charter, the plan, or the community's resources.
 */
export function resultHref(result: SearchResult): string {
  const id = encodeURIComponent
  if (result.meetingId) {
    const params = new URLSearchParams()
    if (result.itemId) params.set('item', result.itemId)
    const words = matchedWords(
      { text: result.snippet, ranges: result.highlights },
      { text: result.title, ranges: result.titleHighlights },
    )
    if (result.itemId) for (const word of words.slice(0, MAX_MARKED)) params.append('mark', word)
    const query = params.toString()
    return `/m/${id(result.meetingId)}${query ? `?${query}` : ''}`
  }
  switch (result.kind) {
    case 'norm':
    case 'preamble':
      return `/c/${id(result.communityId)}/charter`
    case 'goal':
    case 'evidence':
      return `/c/${id(result.communityId)}/plan`
    default:
      return `/c/${id(result.communityId)}`
  }
}

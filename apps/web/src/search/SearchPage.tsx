import type { SearchResult } from '@confer/api'
import { useId } from 'react'
import { useApi } from '../api/useApi.ts'
import { Link } from '../routing/Link.tsx'
import { useSearchParam } from '../routing/router.ts'
import { useDocumentTitle } from '../routing/useDocumentTitle.ts'
import { useMe } from '../session/useSession.ts'
import { CancelledTag } from '../ui/CancelledTag.tsx'
import { formatDate } from '../ui/format.ts'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import { Highlighted } from './Highlighted.tsx'
import { searchEverywhere } from './search-api.ts'
import { groupResults, KIND_LABELS, type ResultGroup, resultHref } from './search-results.ts'
import './search.css'

/**
 * `/search?q=`: what the header's search found across my communities (SPEC Q7), grouped by
 * meeting, each hit linking to where it is: the meeting at its item with the words marked, the
 * charter, the plan, or the community's resources.
 */
export default function SearchPage() {
  const q = (useSearchParam('q') ?? '').trim()
  useDocumentTitle(q ? `Search: ${q}` : 'Search')
  const found = useApi(q ? `search:${q}` : null, (signal) => searchEverywhere(q, signal))
  return (
    <div className="page page--medium search-page">
      <h1>Search</h1>
      {!q ? (
        <>
          <p className="lede">Type what you are looking for in the search box at the top of the page.</p>
          <SearchTips />
        </>
      ) : found.error ? (
        <LoadError error={found.error} what="search results" onRetry={found.reload} />
      ) : !found.data || found.loading ? (
        <PageLoading label="Searching…" />
      ) : (
        <Results q={q} results={found.data.results} />
      )}
    </div>
  )
}

function Results({ q, results }: { q: string; results: SearchResult[] }) {
  const me = useMe()
  const names = new Map(me.communities.map((c) => [c.id, c.name]))
  const groups = groupResults(results)
  return (
    <>
      <p role="status" className="search-page__count">
        {results.length === 0
          ? `Nothing found for “${q}”.`
          : `${results.length === 1 ? '1 result' : `${results.length} results`} for “${q}”, best first.`}
      </p>
      {results.length === 0 ? (
        <SearchTips />
      ) : (
        groups.map((group) => (
          <Group key={group.key} group={group} communityName={names.get(group.communityId) ?? null} />
        ))
      )}
    </>
  )
}

function Group({ group, communityName }: { group: ResultGroup; communityName: string | null }) {
  const headingId = useId()
  const where = [group.meetingStartsAt ? formatDate(group.meetingStartsAt) : null, communityName]
    .filter(Boolean)
    .join(' · ')
  return (
    <section className="search-group" aria-labelledby={headingId}>
      <h2 id={headingId} className="search-group__title">
        {group.meetingId ? (
          <>
            <Link to={`/m/${encodeURIComponent(group.meetingId)}`}>
              {group.meetingTitle || 'Untitled meeting'}
            </Link>
            {group.cancelled && <CancelledTag />}
          </>
        ) : (
          `${communityName ?? 'A community'}: charter, plan and resources`
        )}
      </h2>
      {group.meetingId && where && <p className="meta">{where}</p>}
      <ul className="search-group__hits">
        {group.results.map((result) => (
          <Hit key={result.rank} result={result} />
        ))}
      </ul>
    </section>
  )
}

function Hit({ result }: { result: SearchResult }) {
  const title = result.title.trim() ? result.title : null
  return (
    <li className="search-hit">
      <Link to={resultHref(result)} className="search-hit__link">
        <span className="search-hit__kind">
          {KIND_LABELS[result.kind]}
          {title ? ':' : ''}
        </span>
        {title && (
          <>
            {' '}
            <span className="search-hit__title">
              <Highlighted text={result.title} ranges={result.titleHighlights} />
            </span>
          </>
        )}
      </Link>
      {result.snippet && (
        <p className="search-hit__snippet">
          <Highlighted text={result.snippet} ranges={result.highlights} />
        </p>
      )}
    </li>
  )
}

function SearchTips() {
  return (
    <div className="search-tips">
      <h2>How to search</h2>
      <ul>
        <li>Every word must appear: fractions rubric</li>
        <li>Quotes find words together, in order: "exit ticket"</li>
        <li>A minus leaves words out: fractions -decimals</li>
        <li>or finds either: phonics or vocabulary</li>
      </ul>
    </div>
  )
}

import { SEARCH_QUERY_MAX_CHARS } from '@confer/api'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { navigate, usePath, useSearchParam } from '../routing/router.ts'
import { useSession } from '../session/useSession.ts'
import { searchPath } from './search-path.ts'
import './search.css'

const APPLE = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
const SHORTCUT = APPLE ? '⌘K' : 'Ctrl+K'

/**
 * The header's search (SPEC Q7): every community of mine. Ctrl/⌘+K focuses it from anywhere,
 * except where the key is taken already (in the notes it adds a link).
 */
export function SearchBox() {
  const session = useSession()
  const path = usePath()
  const current = useSearchParam('q')
  const input = useRef<HTMLInputElement>(null)
  const hintId = useId()
  const [q, setQ] = useState(path === '/search' ? (current ?? '') : '')

  // The results page's own form may have changed the query: show the one on screen.
  useEffect(() => {
    if (path === '/search') setQ(current ?? '')
  }, [path, current])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.shiftKey) return
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'k') return
      if (!input.current) return
      event.preventDefault()
      input.current.focus()
      input.current.select()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  if (session.status !== 'signed-in') return null
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (q.trim()) navigate(searchPath(q.trim()))
    else input.current?.focus()
  }
  return (
    <search className="search-box" aria-label="Search">
      <form className="search-box__form" onSubmit={submit}>
        <label className="visually-hidden" htmlFor={`${hintId}-q`}>
          Search meetings, notes, charters and plans
        </label>
        <input
          id={`${hintId}-q`}
          ref={input}
          type="search"
          name="q"
          value={q}
          maxLength={SEARCH_QUERY_MAX_CHARS}
          placeholder={`Search (${SHORTCUT})`}
          aria-describedby={hintId}
          aria-keyshortcuts="Control+K Meta+K"
          autoComplete="off"
          onChange={(event) => setQ(event.target.value)}
        />
        <span id={hintId} className="visually-hidden">
          {`Press ${SHORTCUT} to come back here from anywhere.`}
        </span>
        <button type="submit" className="button button--secondary button--small">
          Search
        </button>
      </form>
    </search>
  )
}

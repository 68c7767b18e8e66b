import { useSyncExternalStore } from 'react'

/**
 * A deliberately tiny router: the URL is the state, history.pushState changes it and
 * popstate (back/forward) reports it. Enough for a handful of path patterns and a `next`
 * query parameter.
 */

const NAVIGATE_EVENT = 'confer:navigate'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

const getPath = () => window.location.pathname
const getSearch = () => window.location.search

export function usePath(): string {
  return useSyncExternalStore(subscribe, getPath)
}

/** One query parameter of the current address, kept current across navigation. */
export function useSearchParam(name: string): string | null {
  const search = useSyncExternalStore(subscribe, getSearch)
  return new URLSearchParams(search).get(name)
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return
  if (options.replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
  window.scrollTo(0, 0)
}

/**
 * Matches `/m/:meetingId`-style patterns. Returns decoded params, or null when the path does
 * not match. A trailing slash is tolerated so `/m/abc/` still opens the meeting.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean)
  const have = path.split('/').filter(Boolean)
  if (want.length !== have.length) return null
  const params: Record<string, string> = {}
  for (const [index, part] of want.entries()) {
    const actual = have[index] ?? ''
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(actual)
      } catch {
        return null
      }
    } else if (part !== actual) {
      return null
    }
  }
  return params
}

import { lazy, type ReactNode } from 'react'
import { HomePage } from './HomePage.tsx'
import { matchPath } from './router.ts'

// The editor and collaboration libraries are most of the bundle: load them only on a meeting.
const NotesPage = lazy(() => import('../notes/NotesPage.tsx'))

interface Route {
  pattern: string
  render: (params: Record<string, string>) => ReactNode
}

const routes: Route[] = [
  { pattern: '/', render: () => <HomePage /> },
  {
    pattern: '/m/:meetingId',
    // Keyed by id so switching meetings starts from a clean page, never mixing two documents.
    render: ({ meetingId = '' }) => <NotesPage key={meetingId} meetingId={meetingId} />,
  },
]

/** The page for a path, or null when no route matches. */
export function resolveRoute(path: string): ReactNode | null {
  for (const route of routes) {
    const params = matchPath(route.pattern, path)
    if (params) return route.render(params)
  }
  return null
}

import { lazy, type ReactNode } from 'react'
import { LoginPage } from '../auth/LoginPage.tsx'
import { SignupPage } from '../auth/SignupPage.tsx'
import { CharterPage } from '../charter/CharterPage.tsx'
import { InvitePage } from '../communities/InvitePage.tsx'
import { ProtocolsPage } from '../facilitation/ProtocolsPage.tsx'
import { RoomPage } from '../facilitation/RoomPage.tsx'
import { NetworkInvitePage } from '../networks/NetworkInvitePage.tsx'
import { NetworkPage } from '../networks/NetworkPage.tsx'
import { matchPath } from '../routing/router.ts'
import { CommunityPage } from './pages/CommunityPage.tsx'
import { HomePage } from './pages/HomePage.tsx'
import { MeetingPage } from './pages/meeting/MeetingPage.tsx'
import { RequireSession } from './RequireSession.tsx'

// The summary page is only opened now and then: its code loads when it is.
const SummaryPage = lazy(() => import('../summary/SummaryPage.tsx'))
// The plan and the progress charts (recharts) load only when opened, never with a meeting.
const PlanPage = lazy(() => import('../plan/PlanPage.tsx'))
const CommunityProgressPage = lazy(() => import('../progress/CommunityProgressPage.tsx'))
const NetworkProgressPage = lazy(() => import('../progress/NetworkProgressPage.tsx'))
// Search results (SPEC Q7) load when searched.
const SearchPage = lazy(() => import('../search/SearchPage.tsx'))

interface Route {
  pattern: string
  render: (params: Record<string, string>) => ReactNode
}

const signedIn = (page: ReactNode) => <RequireSession>{page}</RequireSession>

// Pages with an id are keyed by it, so moving between two of them starts from a clean page.
const routes: Route[] = [
  { pattern: '/', render: () => <HomePage /> },
  { pattern: '/signup', render: () => <SignupPage /> },
  { pattern: '/login', render: () => <LoginPage /> },
  { pattern: '/search', render: () => signedIn(<SearchPage />) },
  { pattern: '/invite/:code', render: ({ code = '' }) => <InvitePage key={code} code={code} /> },
  {
    pattern: '/c/:communityId',
    render: ({ communityId = '' }) => signedIn(<CommunityPage key={communityId} communityId={communityId} />),
  },
  {
    pattern: '/c/:communityId/charter',
    render: ({ communityId = '' }) => signedIn(<CharterPage key={communityId} communityId={communityId} />),
  },
  {
    pattern: '/c/:communityId/plan',
    render: ({ communityId = '' }) => signedIn(<PlanPage key={communityId} communityId={communityId} />),
  },
  {
    pattern: '/c/:communityId/progress',
    render: ({ communityId = '' }) =>
      signedIn(<CommunityProgressPage key={communityId} communityId={communityId} />),
  },
  {
    pattern: '/c/:communityId/protocols',
    render: ({ communityId = '' }) => signedIn(<ProtocolsPage key={communityId} communityId={communityId} />),
  },
  {
    pattern: '/n/:networkId',
    render: ({ networkId = '' }) => signedIn(<NetworkPage key={networkId} networkId={networkId} />),
  },
  {
    pattern: '/n/:networkId/progress',
    render: ({ networkId = '' }) => signedIn(<NetworkProgressPage key={networkId} networkId={networkId} />),
  },
  {
    pattern: '/network-invite/:code',
    render: ({ code = '' }) => signedIn(<NetworkInvitePage key={code} code={code} />),
  },
  {
    pattern: '/m/:meetingId/room',
    render: ({ meetingId = '' }) => signedIn(<RoomPage key={meetingId} meetingId={meetingId} />),
  },
  {
    pattern: '/m/:meetingId/summary',
    render: ({ meetingId = '' }) => signedIn(<SummaryPage key={meetingId} meetingId={meetingId} />),
  },
  {
    pattern: '/m/:meetingId',
    render: ({ meetingId = '' }) => signedIn(<MeetingPage key={meetingId} meetingId={meetingId} />),
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

import { refreshSession } from '../auth/session-store.ts'
import { useSession } from '../auth/useSession.ts'
import { Dashboard } from '../communities/Dashboard.tsx'
import { InvitedMeetings } from '../networks/InvitedMeetings.tsx'
import { LoadError } from './LoadError.tsx'
import { PageLoading } from './PageLoading.tsx'
import { Welcome } from './Welcome.tsx'

/** `/`: your communities and meetings when signed in; what Confer is when not. */
export function HomePage() {
  const session = useSession()
  switch (session.status) {
    case 'loading':
      return <PageLoading />
    case 'unreachable':
      return <LoadError error={session.error} what="your account" onRetry={() => void refreshSession()} />
    case 'signed-out':
      return <Welcome />
    case 'signed-in':
      return (
        <>
          <Dashboard me={session.me} />
          <InvitedMeetings />
        </>
      )
  }
}

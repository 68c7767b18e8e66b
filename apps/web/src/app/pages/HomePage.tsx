import { InvitedMeetings } from '../../networks/InvitedMeetings.tsx'
import { refreshSession } from '../../session/session-store.ts'
import { useSession } from '../../session/useSession.ts'
import { LoadError } from '../../ui/LoadError.tsx'
import { PageLoading } from '../../ui/PageLoading.tsx'
import { Dashboard } from './Dashboard.tsx'
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

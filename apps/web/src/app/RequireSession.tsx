import { type ReactNode, useEffect } from 'react'
import { navigate } from '../routing/router.ts'
import { loginPath } from '../session/next-path.ts'
import { refreshSession } from '../session/session-store.ts'
import { useSession } from '../session/useSession.ts'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'

/** Pages for signed-in people: others are sent to log in, and come back here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession()
  const signedOut = session.status === 'signed-out'
  useEffect(() => {
    if (signedOut) navigate(loginPath(window.location.pathname + window.location.search), { replace: true })
  }, [signedOut])

  if (session.status === 'signed-in') return children
  if (session.status === 'unreachable') {
    return <LoadError error={session.error} what="your account" onRetry={() => void refreshSession()} />
  }
  return <PageLoading />
}

import { type ReactNode, useEffect } from 'react'
import { loginPath } from '../auth/next-path.ts'
import { refreshSession } from '../auth/session-store.ts'
import { useSession } from '../auth/useSession.ts'
import { LoadError } from './LoadError.tsx'
import { PageLoading } from './PageLoading.tsx'
import { navigate } from './router.ts'

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

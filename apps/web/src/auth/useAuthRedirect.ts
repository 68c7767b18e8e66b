import { useEffect } from 'react'
import { navigate, useSearchParam } from '../routing/router.ts'
import { safeNext } from '../session/next-path.ts'
import { useSession } from '../session/useSession.ts'

/**
 * The `next` page of the log-in and sign-up forms, where someone already signed in is sent
 * straight away.
 */
export function useAuthRedirect(): string {
  const next = safeNext(useSearchParam('next'))
  const signedIn = useSession().status === 'signed-in'
  useEffect(() => {
    if (signedIn) navigate(next, { replace: true })
  }, [signedIn, next])
  return next
}

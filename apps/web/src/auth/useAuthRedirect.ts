import { useEffect } from 'react'
import { navigate, useSearchParam } from '../app/router.ts'
import { safeNext } from './next-path.ts'
import { useSession } from './useSession.ts'

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

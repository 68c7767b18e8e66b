import { Link } from '../routing/Link.tsx'
import { usePath } from '../routing/router.ts'
import { loginPath, signupPath } from '../session/next-path.ts'
import { useSession } from '../session/useSession.ts'
import { LogoutButton } from './LogoutButton.tsx'
import { SignOutEverywhereButton } from './SignOutEverywhereButton.tsx'

/** The header's account corner: who is signed in, "Log out" and "Sign out everywhere", or the ways in. */
export function AccountNav() {
  const session = useSession()
  const path = usePath()
  if (session.status === 'signed-in') {
    return (
      <nav className="account-nav" aria-label="Account">
        <span className="account-nav__who">
          Signed in as <strong>{session.me.user.name}</strong>
        </span>
        <LogoutButton />
        <SignOutEverywhereButton />
      </nav>
    )
  }
  if (session.status !== 'signed-out' || path === '/login' || path === '/signup') return null
  // From a page worth coming back to (an invitation), logging in returns there.
  const here = path === '/' ? '/' : path + window.location.search
  return (
    <nav className="account-nav" aria-label="Account">
      <Link to={loginPath(here)}>Log in</Link>
      <Link to={signupPath(here)} className="button button--primary button--small">
        Sign up
      </Link>
    </nav>
  )
}

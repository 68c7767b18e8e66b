import { DenyReason } from '@confer/model'
import { Link } from '../routing/Link.tsx'
import { loginPath } from '../session/next-path.ts'

/** Shown in place of the notes when the server stops letting this person in. */
export function AccessLost({ reason }: { reason: string }) {
  if (reason === DenyReason.unauthenticated) {
    return (
      <div className="access-lost" role="alert">
        <h2>Your session has ended</h2>
        <p>Log in again to keep working on these notes. Anything you typed is kept on this device.</p>
        <Link to={loginPath(window.location.pathname)} className="button button--primary">
          Log in again
        </Link>
      </div>
    )
  }
  return (
    <div className="access-lost" role="alert">
      <h2>You no longer have access to this meeting</h2>
      <p>
        Your place in the community may have changed, or the meeting was closed to visitors. Ask the
        facilitator if you think this is a mistake.
      </p>
      <Link to="/">Go to the start page</Link>
    </div>
  )
}

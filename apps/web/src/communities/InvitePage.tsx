import { acceptInvite, previewInvite } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import { Link } from '../routing/Link.tsx'
import { navigate } from '../routing/router.ts'
import { useDocumentTitle } from '../routing/useDocumentTitle.ts'
import { loginPath, signupPath } from '../session/next-path.ts'
import { refreshSession } from '../session/session-store.ts'
import { useSession } from '../session/useSession.ts'
import { formatDateTime, ROLE_HINTS } from '../ui/format.ts'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import { useAction } from '../ui/useAction.ts'
import './communities.css'

/** `/invite/:code`: what an invitation link offers, and joining with it (after signing up if needed). */
export function InvitePage({ code }: { code: string }) {
  useDocumentTitle('Invitation')
  const preview = useApi(`invite:${code}`, (signal) => previewInvite(code, signal).then((a) => a.invite))
  const session = useSession()
  const action = useAction()

  if (preview.error && (preview.error.status === 404 || preview.error.status === 410)) {
    const expired = preview.error.status === 410
    return (
      <section className="page page--narrow" aria-labelledby="invite-title">
        <h1 id="invite-title">
          {expired ? 'This invitation has expired' : 'This invitation link does not work'}
        </h1>
        <p>
          {expired
            ? preview.error.message
            : 'It may have been revoked, or the link was copied incompletely. Ask the facilitator who sent it for a new link.'}
        </p>
        <p>
          <Link to="/">Go to the start page</Link>
        </p>
      </section>
    )
  }
  const invite = preview.data
  if (!invite) {
    return preview.error ? (
      <LoadError error={preview.error} what="this invitation" onRetry={preview.reload} />
    ) : (
      <PageLoading label="Loading invitation…" />
    )
  }

  const join = async () => {
    const outcome = await action.run(async () => {
      const accepted = await acceptInvite(code)
      await refreshSession()
      return accepted
    })
    if (outcome.ok) navigate(`/c/${outcome.value.communityId}`)
  }
  const here = `/invite/${encodeURIComponent(code)}`

  return (
    <section className="page page--narrow invite-page" aria-labelledby="invite-title">
      <p className="eyebrow">Invitation</p>
      <h1 id="invite-title">Join {invite.communityName}</h1>
      <p className="lede">
        You are invited to join <strong>{invite.communityName}</strong> on Confer as{' '}
        {invite.role === 'observer' ? 'an' : 'a'} <strong>{invite.role}</strong> — {ROLE_HINTS[invite.role]}.
      </p>
      <p className="notice">This link works until {formatDateTime(invite.expiresAt)}.</p>
      {session.status === 'signed-in' ? (
        <div className="card invite-page__action">
          <p>
            You are signed in as <strong>{session.me.user.name}</strong>.
          </p>
          {action.error && (
            <p className="error" role="alert">
              {action.error.message}
            </p>
          )}
          <button
            type="button"
            className="button button--primary"
            disabled={action.pending}
            onClick={() => void join()}
          >
            Join {invite.communityName}
          </button>
        </div>
      ) : session.status === 'signed-out' ? (
        <div className="card invite-page__action">
          <p>To join, sign up or log in. You will come back here to accept.</p>
          <div className="form-actions">
            <Link to={signupPath(here)} className="button button--primary">
              Sign up to join
            </Link>
            <Link to={loginPath(here)} className="button button--secondary">
              Log in to join
            </Link>
          </div>
        </div>
      ) : session.status === 'unreachable' ? (
        <LoadError error={session.error} what="your account" onRetry={() => void refreshSession()} />
      ) : (
        <PageLoading />
      )}
    </section>
  )
}

import { Link } from './Link.tsx'
import { useDocumentTitle } from './useDocumentTitle.ts'

/**
 * Unknown addresses, and things you may not see: Confer answers both the same way, so a link
 * never reveals that a meeting or community exists.
 */
export function NotFound() {
  useDocumentTitle('Page not found')
  return (
    <section className="page page--narrow" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p>
        There is nothing at this address that you can open. The link may be mistyped or incomplete, or it
        leads to a community you are not a member of — ask its facilitator for an invitation.
      </p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </section>
  )
}

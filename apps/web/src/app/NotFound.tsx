import { Link } from './Link.tsx'
import { useDocumentTitle } from './useDocumentTitle.ts'

export function NotFound() {
  useDocumentTitle('Page not found')
  return (
    <section className="page page--narrow" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p>There is nothing at this address. The link may be mistyped or incomplete.</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </section>
  )
}

import { Suspense, useRef } from 'react'
import { AccountNav } from '../auth/AccountNav.tsx'
import { Link } from '../routing/Link.tsx'
import { NotFound } from '../routing/NotFound.tsx'
import { usePath } from '../routing/router.ts'
import { useFocusOnNavigate } from '../routing/useFocusOnNavigate.ts'
import { SearchBox } from '../search/SearchBox.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import { resolveRoute } from './routes.tsx'

export function App() {
  const path = usePath()
  const mainRef = useRef<HTMLElement>(null)
  useFocusOnNavigate(path, mainRef)
  const page = resolveRoute(path) ?? <NotFound />
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          Confer
        </Link>
        <SearchBox />
        <AccountNav />
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Suspense fallback={<PageLoading />}>{page}</Suspense>
      </main>
    </>
  )
}

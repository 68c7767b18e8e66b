import { Suspense, useRef } from 'react'
import { AccountNav } from '../auth/AccountNav.tsx'
import { Link } from './Link.tsx'
import { NotFound } from './NotFound.tsx'
import { PageLoading } from './PageLoading.tsx'
import { usePath } from './router.ts'
import { resolveRoute } from './routes.tsx'
import { useFocusOnNavigate } from './useFocusOnNavigate.ts'

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
        <AccountNav />
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Suspense fallback={<PageLoading />}>{page}</Suspense>
      </main>
    </>
  )
}

import { isId } from '@confer/model'
import { lazy, Suspense } from 'react'
import { NotFound } from '../routing/NotFound.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'

const ProtocolLibrary = lazy(() => import('./ProtocolLibrary.tsx'))

/** `/c/:communityId/protocols`: the library and the team's own versions of protocols. */
export function ProtocolsPage({ communityId }: { communityId: string }) {
  if (!isId(communityId)) return <NotFound />
  return (
    <Suspense fallback={<PageLoading label="Loading protocols…" />}>
      <ProtocolLibrary communityId={communityId} />
    </Suspense>
  )
}

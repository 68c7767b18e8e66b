import { useEffect, useState } from 'react'
import type { CollabSession, DocumentAccess } from './session.ts'

/**
 * What the server lets this connection do with the document: follows role changes and
 * withdrawn access while the page is open (the server closes the socket, the provider
 * reconnects and is answered again).
 */
export function useDocumentAccess(session: CollabSession | null): DocumentAccess {
  const [access, setAccess] = useState<DocumentAccess>(() => session?.access() ?? { state: 'pending' })
  useEffect(() => {
    if (!session) return
    const update = () => setAccess(session.access())
    update()
    // The session records the answer in its own listener, registered first, so it is current here.
    session.provider.on('authenticated', update)
    session.provider.on('authenticationFailed', update)
    return () => {
      session.provider.off('authenticated', update)
      session.provider.off('authenticationFailed', update)
    }
  }, [session])
  return access
}

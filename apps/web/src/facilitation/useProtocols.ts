import { useEffect, useMemo, useRef } from 'react'
import { useApi } from '../api/useApi.ts'
import { getCommunityProtocols, getLibrary } from './facilitation-api.ts'
import type { Protocol } from './protocol-types.ts'

export interface Protocols {
  builtIn: Protocol[]
  own: Protocol[]
  loaded: boolean
  error: string | null
  find: (protocolId: string | null) => Protocol | null
  reload: () => void
}

/**
 * The protocols a meeting can run: the library and the community's own copies. Guests from a
 * network cannot read the community, so they get the library only (the round they watch names
 * its protocol through the run context, useRunContext).
 */
export function useProtocols(communityId: string, guest: boolean, wanted: string | null = null): Protocols {
  const resource = useApi(guest ? `library` : `protocols:${communityId}`, async (signal) =>
    guest
      ? { builtIn: (await getLibrary(signal)).protocols, own: [] }
      : getCommunityProtocols(communityId, signal),
  )
  const { data, reload } = resource
  const protocols = useMemo(() => {
    const builtIn = data?.builtIn ?? []
    const own = data?.own ?? []
    const byId = new Map([...builtIn, ...own].map((p) => [p.id, p]))
    return { builtIn, own, find: (id: string | null) => (id ? (byId.get(id) ?? null) : null) }
  }, [data])

  // A protocol saved after this page loaded (and started by the facilitator): fetch the list again, once.
  const asked = useRef(new Set<string>())
  const missing = data !== undefined && wanted !== null && !protocols.find(wanted)
  useEffect(() => {
    if (!missing || wanted === null || asked.current.has(wanted)) return
    asked.current.add(wanted)
    reload()
  }, [missing, wanted, reload])

  return {
    ...protocols,
    loaded: data !== undefined,
    error: resource.error?.message ?? null,
    reload,
  }
}

import { useEffect, useMemo, useRef } from 'react'
import { useApi } from '../api/useApi.ts'
import type { Protocol } from './protocol-types.ts'
import { getMeetingProtocols } from './protocols-api.ts'

export interface Protocols {
  builtIn: Protocol[]
  own: Protocol[]
  loaded: boolean
  error: string | null
  find: (protocolId: string | null) => Protocol | null
  reload: () => void
}

/**
 * The protocols a meeting can run and its agenda can link: the library and the community's own
 * copies, read through the meeting so network guests get them too.
 */
export function useProtocols(meetingId: string, wanted: string | null = null): Protocols {
  const resource = useApi(`protocols:meeting:${meetingId}`, (signal) =>
    getMeetingProtocols(meetingId, signal),
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

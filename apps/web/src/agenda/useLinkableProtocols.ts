import type { AgendaItem } from '@confer/model'
import { useState } from 'react'
import { type Protocols, useProtocols } from '../protocols/useProtocols.ts'

/**
 * The protocols an agenda item can plan: the library and the community's own. When the agenda
 * links one this page has not seen (a colleague saved it after the page loaded), the list is
 * fetched again, once per protocol.
 */
export function useLinkableProtocols(agenda: readonly AgendaItem[], meetingId: string): Protocols {
  const [wanted, setWanted] = useState<string | null>(null)
  const protocols = useProtocols(meetingId, wanted)
  const unseen = protocols.loaded
    ? (agenda.find((item) => item.protocolId !== null && !protocols.find(item.protocolId))?.protocolId ??
      null)
    : null
  if (unseen !== null && unseen !== wanted) setWanted(unseen)
  return protocols
}

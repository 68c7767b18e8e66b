import { itemsMap, meetingDocumentName, orderArray, readAgenda } from '@confer/model'
import { useEffect, useState } from 'react'
import { useCollabSession } from '../collab/useCollabSession.ts'

export interface AgendaProtocol {
  itemId: string
  itemTitle: string
  protocolId: string
  /** Who owns the item: the round's presenter by default. */
  ownerId: string | null
}

const same = (a: AgendaProtocol[], b: AgendaProtocol[]) =>
  a.length === b.length &&
  a.every(
    (x, i) =>
      x.itemId === b[i]?.itemId &&
      x.itemTitle === b[i]?.itemTitle &&
      x.protocolId === b[i]?.protocolId &&
      x.ownerId === b[i]?.ownerId,
  )

/**
 * Agenda items that carry a protocol, in agenda order, so the facilitator can start the one
 * planned for the item at hand. Shares the meeting document the notes already have open.
 */
export function useAgendaProtocols(meetingId: string): AgendaProtocol[] {
  const session = useCollabSession(meetingDocumentName(meetingId))
  const [list, setList] = useState<AgendaProtocol[]>([])
  useEffect(() => {
    if (!session) return
    const { doc } = session
    const update = () => {
      const next = readAgenda(doc).flatMap((item) =>
        item.protocolId && !item.done
          ? [{ itemId: item.id, itemTitle: item.title, protocolId: item.protocolId, ownerId: item.ownerId }]
          : [],
      )
      setList((prev) => (same(prev, next) ? prev : next))
    }
    update()
    const items = itemsMap(doc)
    const order = orderArray(doc)
    items.observeDeep(update)
    order.observe(update)
    return () => {
      items.unobserveDeep(update)
      order.unobserve(update)
    }
  }, [session])
  return list
}

import { type AgendaItem, itemsMap, orderArray, readAgenda } from '@confer/model'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

function sameAgenda(a: AgendaItem[], b: AgendaItem[]): boolean {
  return (
    a.length === b.length &&
    a.every((item, i) => {
      const other = b[i]
      return (
        other !== undefined &&
        item.id === other.id &&
        item.title === other.title &&
        item.minutes === other.minutes &&
        item.ownerId === other.ownerId &&
        item.done === other.done &&
        item.protocolId === other.protocolId &&
        item.planLink === other.planLink &&
        item.goalId === other.goalId
      )
    })
  )
}

/** The meeting's agenda in display order, kept current as anyone edits it. */
export function useAgenda(doc: Y.Doc): AgendaItem[] {
  const [agenda, setAgenda] = useState(() => readAgenda(doc))
  useEffect(() => {
    const items = itemsMap(doc)
    const order = orderArray(doc)
    // Every keystroke in any item's notes also reaches `items`; re-render only on agenda changes.
    const update = () => {
      const next = readAgenda(doc)
      setAgenda((prev) => (sameAgenda(prev, next) ? prev : next))
    }
    update()
    items.observeDeep(update)
    order.observe(update)
    return () => {
      items.unobserveDeep(update)
      order.unobserve(update)
    }
  }, [doc])
  return agenda
}

import { type ActionItem, actionsMap, readActions } from '@confer/model'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

function same(a: ActionItem[], b: ActionItem[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]
      return (
        y !== undefined &&
        x.id === y.id &&
        x.text === y.text &&
        x.ownerId === y.ownerId &&
        x.due === y.due &&
        x.done === y.done &&
        x.fromMeetingId === y.fromMeetingId
      )
    })
  )
}

/** The meeting's action items (open first, then by due date), kept current as anyone edits them. */
export function useActions(doc: Y.Doc): ActionItem[] {
  const [actions, setActions] = useState(() => readActions(doc))
  useEffect(() => {
    const map = actionsMap(doc)
    const update = () => {
      const next = readActions(doc)
      setActions((prev) => (same(prev, next) ? prev : next))
    }
    update()
    map.observeDeep(update)
    return () => map.unobserveDeep(update)
  }, [doc])
  return actions
}

import { type Decision, decisionsMap, readDecisions } from '@confer/model'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

function same(a: Decision[], b: Decision[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]
      return y !== undefined && x.id === y.id && x.text === y.text && x.itemId === y.itemId
    })
  )
}

/** The meeting's decisions, oldest first, kept current as anyone marks, edits or removes one. */
export function useDecisions(doc: Y.Doc): Decision[] {
  const [decisions, setDecisions] = useState(() => readDecisions(doc))
  useEffect(() => {
    const map = decisionsMap(doc)
    const update = () => {
      const next = readDecisions(doc)
      setDecisions((prev) => (same(prev, next) ? prev : next))
    }
    update()
    map.observeDeep(update)
    return () => map.unobserveDeep(update)
  }, [doc])
  return decisions
}

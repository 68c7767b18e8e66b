import { type Norm, normsFingerprint, readNorms } from '@confer/model'
import { useCallback, useEffect, useState } from 'react'
import type * as Y from 'yjs'

/** How long the norms must stay unchanged before a change of wording counts (SPEC N3). */
export const SETTLE_MS = 10_000

export interface SettledNorms {
  /** The norms as they were when their wording last settled. */
  norms: Norm[]
  /** Whether the norms on screen differ from the settled ones (someone is editing). */
  changing: boolean
  /** The wording is final now (this person left the field, added or removed a norm). */
  settle: () => void
}

/**
 * The norms whose wording has settled: unchanged for SETTLE_MS, or let go of by this person's
 * editor. Agreements are compared with these, so a norm being typed does not flip everyone to
 * "agreed to an earlier version" at each keystroke (SPEC N3).
 */
export function useSettledNorms(live: Norm[], doc: Y.Doc | null): SettledNorms {
  const [settled, setSettled] = useState(live)
  // The first norms to arrive (the document syncing in) are settled at once.
  const empty = settled.length === 0
  useEffect(() => {
    if (empty) {
      setSettled(live)
      return
    }
    const timer = setTimeout(() => setSettled(live), SETTLE_MS)
    return () => clearTimeout(timer)
  }, [live, empty])
  // Read from the document: a norm added or removed this moment is not rendered yet.
  const settle = useCallback(() => {
    if (doc) setSettled(readNorms(doc))
  }, [doc])
  const changing = settled !== live && normsFingerprint(settled) !== normsFingerprint(live)
  return { norms: settled, changing, settle }
}

import { type Norm, normsArray, normsVersion, readNorms } from '@confer/model'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

/** The charter's norms, re-read on every change (local or remote). */
export function useNorms(doc: Y.Doc | null): Norm[] {
  const [norms, setNorms] = useState<Norm[]>(() => (doc ? readNorms(doc) : []))
  useEffect(() => {
    if (!doc) return
    const array = normsArray(doc)
    const update = () => setNorms(readNorms(doc))
    update()
    array.observeDeep(update)
    return () => array.unobserveDeep(update)
  }, [doc])
  return norms
}

/** The version (SPEC N1) of the norms on screen; null while it is being computed. */
export function useNormsVersion(norms: readonly Norm[]): string | null {
  const [version, setVersion] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    void normsVersion(norms).then((v) => {
      if (live) setVersion(v)
    })
    return () => {
      live = false
    }
  }, [norms])
  return version
}

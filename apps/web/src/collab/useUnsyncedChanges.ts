import { useEffect, useState } from 'react'
import type { CollabSession } from './session.ts'

/** Typing changes the count on every key: show (and announce) it at most this often. */
const REFRESH_MS = 1_000

/** How many local changes wait for the server's confirmation, refreshed at a calm pace. */
export function useUnsyncedChanges(session: CollabSession | null): number {
  const [count, setCount] = useState(0)
  useEffect(() => {
    if (!session) return
    const { provider } = session
    let timer: ReturnType<typeof setTimeout> | null = null
    let last = 0
    const read = () => {
      timer = null
      last = Date.now()
      setCount(provider.unsyncedChanges)
    }
    const onChange = () => {
      if (timer !== null) return
      const wait = REFRESH_MS - (Date.now() - last)
      if (wait <= 0) read()
      else timer = setTimeout(read, wait)
    }
    read()
    provider.on('unsyncedChanges', onChange)
    return () => {
      provider.off('unsyncedChanges', onChange)
      if (timer !== null) clearTimeout(timer)
    }
  }, [session])
  return count
}

import type { RunActionBody } from '@confer/api'
import { useCallback, useRef, useState } from 'react'
import { ApiError } from '../api/client.ts'
import { runAction } from './facilitation-api.ts'

export interface RunActions {
  /** Sends one action; false (with `error` set) when the server refused it. */
  act: (body: RunActionBody) => Promise<boolean>
  pending: boolean
  error: string | null
  clearError: () => void
}

const FRIENDLY: Record<string, string> = {
  forbidden: 'Only a facilitator of this community can run the protocol.',
  network: 'Confer cannot be reached right now, so the protocol did not change. Try again in a moment.',
}

/**
 * Facilitator actions. The answer is not used for display: everyone, this page included, shows
 * the run document the server writes, so every screen changes at the same moment. One action at
 * a time — a double click or a held key does not skip two steps.
 */
export function useRunActions(meetingId: string): RunActions {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const busy = useRef(false)
  const act = useCallback(
    async (body: RunActionBody) => {
      if (busy.current) return false
      busy.current = true
      setPending(true)
      setError(null)
      try {
        await runAction(meetingId, body)
        return true
      } catch (caught) {
        const apiError = caught instanceof ApiError ? caught : null
        setError(
          (apiError && FRIENDLY[apiError.code]) ?? apiError?.message ?? 'Something went wrong. Try again.',
        )
        return false
      } finally {
        busy.current = false
        setPending(false)
      }
    },
    [meetingId],
  )
  const clearError = useCallback(() => setError(null), [])
  return { act, pending, error, clearError }
}

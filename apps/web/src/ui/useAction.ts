import { useCallback, useState } from 'react'
import { ApiError } from '../api/client.ts'

export type Outcome<T> = { ok: true; value: T } | { ok: false }

export interface Action {
  pending: boolean
  /** The last failure, with the server's message; cleared when the action runs again. */
  error: ApiError | null
  clearError: () => void
  /** Runs the task, recording its failure; the outcome says whether it succeeded. */
  run: <T>(task: () => Promise<T>) => Promise<Outcome<T>>
}

/** State for a button or form that calls the API: pending while it runs, then its error. */
export function useAction(): Action {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const run = useCallback(async <T>(task: () => Promise<T>): Promise<Outcome<T>> => {
    setPending(true)
    setError(null)
    try {
      return { ok: true, value: await task() }
    } catch (caught) {
      setError(
        caught instanceof ApiError ? caught : new ApiError(0, 'unknown', 'Something went wrong. Try again.'),
      )
      return { ok: false }
    } finally {
      setPending(false)
    }
  }, [])
  const clearError = useCallback(() => setError(null), [])
  return { pending, error, clearError, run }
}

import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from './client.ts'

export interface Resource<T> {
  /** The last answer; kept while a reload is on its way so the page does not flash empty. */
  data: T | undefined
  error: ApiError | null
  loading: boolean
  /** Fetches again (after a change made elsewhere on the page). */
  reload: () => void
  /** Replaces the data with a fresher copy a mutation answered with. */
  setData: (data: T) => void
}

interface State<T> {
  key: string | null
  data: T | undefined
  error: ApiError | null
  loading: boolean
}

/**
 * Loads one API resource for the component's lifetime. `key` names what is loaded: a new key
 * starts over, null loads nothing. Answers to superseded requests are dropped (StrictMode's
 * double effects and fast navigation included).
 */
export function useApi<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const loadRef = useRef(load)
  // Declared before the loading effect, so that effect always calls the latest loader.
  useEffect(() => {
    loadRef.current = load
  })
  const [generation, setGeneration] = useState(0)
  const [state, setState] = useState<State<T>>({ key, data: undefined, error: null, loading: key !== null })

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation is how reload() asks for a fresh load
  useEffect(() => {
    if (key === null) return
    const controller = new AbortController()
    setState((prev) =>
      prev.key === key ? { ...prev, loading: true } : { key, data: undefined, error: null, loading: true },
    )
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, data, error: null, loading: false })
      },
      (error: unknown) => {
        if (controller.signal.aborted) return
        const apiError =
          error instanceof ApiError ? error : new ApiError(0, 'unknown', 'Something went wrong. Try again.')
        setState((prev) => ({
          key,
          data: prev.key === key ? prev.data : undefined,
          error: apiError,
          loading: false,
        }))
      },
    )
    return () => controller.abort()
  }, [key, generation])

  const reload = useCallback(() => setGeneration((n) => n + 1), [])
  const setData = useCallback((data: T) => setState({ key, data, error: null, loading: false }), [key])

  // Until the effect catches up with a new key, report loading rather than the old key's data.
  const current = state.key === key
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : null,
    loading: key !== null && (!current || state.loading),
    reload,
    setData,
  }
}

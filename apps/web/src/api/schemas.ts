import { useEffect } from 'react'

/**
 * The request schemas of @confer/api, for the same validation messages the server gives. They
 * bring zod along (about 100 kB), so they load on demand — a form starts loading them when it
 * appears — and the start page stays light. Types from @confer/api are free: import them as types.
 */
type Schemas = typeof import('@confer/api')

let loading: Promise<Schemas> | null = null

export function loadSchemas(): Promise<Schemas> {
  loading ??= import('@confer/api')
  return loading
}

/** Starts loading the schemas when a form appears, so they are there when it is submitted. */
export function usePreloadSchemas(): void {
  useEffect(() => {
    loadSchemas().catch(() => {
      // A failed download is retried on submit, where its error is shown.
      loading = null
    })
  }, [])
}

import type { Me } from '@confer/api'
import { type ApiError, setUnauthenticatedHandler } from '../api/client.ts'
import { getMe } from '../api/endpoints.ts'
import { navigate } from '../routing/router.ts'
import { loginPath } from './next-path.ts'

/** Who is using this browser tab, as the server sees it. */
export type Session =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; me: Me }
  /** The server did not answer; the page offers to try again. */
  | { status: 'unreachable'; error: ApiError }

type Listener = () => void
const listeners = new Set<Listener>()
let current: Session = { status: 'loading' }
let started = false

function set(next: Session): void {
  current = next
  for (const listener of listeners) listener()
}

export function getSession(): Session {
  return current
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Asks the server who we are; also refreshes the list of communities after joins and leaves. */
export async function refreshSession(): Promise<Session> {
  try {
    set({ status: 'signed-in', me: await getMe() })
  } catch (error) {
    const apiError = error as ApiError
    set(apiError.status === 401 ? { status: 'signed-out' } : { status: 'unreachable', error: apiError })
  }
  return current
}

export function markSignedOut(): void {
  if (current.status !== 'signed-out') set({ status: 'signed-out' })
}

/** Starts once per page: reads the session and sends anyone whose session ends to log in. */
export function startSession(): void {
  if (started) return
  started = true
  setUnauthenticatedHandler(() => {
    markSignedOut()
    const here = window.location.pathname + window.location.search
    if (!here.startsWith('/login')) navigate(loginPath(here), { replace: true })
  })
  void refreshSession()
}

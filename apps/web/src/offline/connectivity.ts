import { STORED_ANSWER_MESSAGE } from './names.ts'

/** What the page knows about the network, for the offline banner. */
export interface Connectivity {
  /** The browser's own idea (navigator.onLine): false means surely offline, true only maybe online. */
  online: boolean
  /**
   * Some of what this page shows came from this device's store because the server could not be
   * reached; the Date header of the oldest such answer (null when the server sent none).
   */
  stored: { savedAt: string | null } | null
}

type Listener = () => void
const listeners = new Set<Listener>()
let current: Connectivity = { online: true, stored: null }
let started = false

function set(next: Connectivity): void {
  current = next
  for (const listener of listeners) listener()
}

export function getConnectivity(): Connectivity {
  return current
}

export function subscribeConnectivity(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function isStoredAnswer(data: unknown): data is { type: string; savedAt: unknown } {
  return (
    typeof data === 'object' && data !== null && (data as { type?: unknown }).type === STORED_ANSWER_MESSAGE
  )
}

/** Starts once per page: follows the browser's online state and the worker's stored answers. */
export function followConnectivity(): void {
  if (started) return
  started = true
  current = { online: navigator.onLine, stored: null }
  window.addEventListener('online', () => set({ ...current, online: true }))
  window.addEventListener('offline', () => set({ ...current, online: false }))
  const container = navigator.serviceWorker
  if (!container) return
  container.addEventListener('message', (event: MessageEvent) => {
    if (!isStoredAnswer(event.data) || current.stored) return
    set({
      ...current,
      stored: { savedAt: typeof event.data.savedAt === 'string' ? event.data.savedAt : null },
    })
  })
  // Messages wait in a queue until this is called (or the document has loaded).
  container.startMessages()
}

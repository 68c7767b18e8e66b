import { registerSW } from 'virtual:pwa-register'
import { storeWhatThisPageRead } from './stored-answers.ts'

/** A long meeting page should still hear of a new release: browsers only look on navigation. */
const UPDATE_CHECK_MS = 60 * 60 * 1000

type Listener = () => void
const listeners = new Set<Listener>()
let updateReady = false
let update: () => Promise<void> = async () => {}

export function isUpdateReady(): boolean {
  return updateReady
}

export function subscribeUpdateReady(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Lets the waiting worker take over; the page reloads once it controls it. */
export function applyUpdate(): Promise<void> {
  return update()
}

/**
 * Registers the service worker (built by vite-plugin-pwa; see sw-config.ts). A new release waits
 * until the person chooses to reload. Without a secure context there is no service worker and
 * the app works as before, online only.
 */
export function registerServiceWorker(): void {
  const container = navigator.serviceWorker
  if (!container) return
  if (!container.controller) {
    // The first install takes this page over (clientsClaim); nothing it loaded so far is stored.
    container.addEventListener('controllerchange', storeWhatThisPageRead, { once: true })
  }
  update = registerSW({
    onNeedRefresh() {
      updateReady = true
      for (const listener of listeners) listener()
    },
    onRegisteredSW(_url, registration) {
      if (!registration) return
      setInterval(() => void registration.update().catch(() => {}), UPDATE_CHECK_MS)
    },
    onRegisterError(error) {
      console.warn('The offline copy of Confer could not be set up', error)
    },
  })
}

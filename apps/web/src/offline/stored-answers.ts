import { API_CACHE } from './names.ts'

/**
 * Deletes the API answers the service worker keeps on this device, so the next person on this
 * browser never sees the previous one's communities and meetings. Without a secure context (a
 * school LAN on plain http) there is no Cache Storage and nothing was kept.
 */
export async function clearStoredAnswers(): Promise<void> {
  if (typeof caches === 'undefined') return
  try {
    await caches.delete(API_CACHE)
  } catch (error) {
    console.warn('Could not delete the answers kept on this device', error)
  }
}

/**
 * After the first install the worker controls this page (clientsClaim), but what the page read
 * while it loaded went past it. Reading those again through the worker stores them, so a meeting
 * opened once reopens offline. Only same-origin API reads; the worker picks what it keeps.
 */
export function storeWhatThisPageRead(): void {
  const urls = new Set<string>()
  for (const entry of performance.getEntriesByType('resource')) {
    if ((entry as PerformanceResourceTiming).initiatorType !== 'fetch') continue
    const url = new URL(entry.name)
    if (url.origin !== location.origin || !url.pathname.startsWith('/api/')) continue
    if (url.pathname.startsWith('/api/auth/')) continue
    urls.add(url.href)
  }
  // Resource timing does not record the method: a URL only ever POSTed to answers a GET with
  // 404 or 405, which the worker does not keep.
  for (const url of urls) {
    void fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' }).catch(() => {})
  }
}

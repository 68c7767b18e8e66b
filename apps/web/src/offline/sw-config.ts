import type { VitePWAOptions } from 'vite-plugin-pwa'
import type { RuntimeCaching } from 'workbox-build'
import { API_CACHE } from './names.ts'

/**
 * The service worker (vite-plugin-pwa's generateSW, Workbox 7): what it keeps so a meeting opened
 * once loads with no network. Read by vite.config.ts at build time, never bundled into the page.
 *
 * The functions below are copied into sw.js by their source text: they may use nothing from
 * outside their own bodies (no imports, no constants of this module), and no `//` inside them.
 */

/** Long enough for a slow school network to answer, short enough that "lie-fi" is not a blank page. */
const NETWORK_TIMEOUT_SECONDS = 3

/**
 * The API's JSON reads, newest from the network and the last answer from this device when the
 * network fails or takes longer than the timeout. Never stored: anything but GET (Workbox routes
 * GET only here), sign-in and tokens (/api/auth/*), the event stream, operator routes, the
 * server's clock (/api/time: a stored time would skew the protocol timer), and anything not asked
 * for as JSON (files, exports, calendar feeds). Only 200 answers are stored: a stored 401 or 404
 * would outlive the reason for it.
 */
const apiReads: RuntimeCaching = {
  urlPattern: ({ url, request, sameOrigin }) =>
    sameOrigin &&
    url.pathname.startsWith('/api/') &&
    (request.headers.get('accept') ?? '').includes('application/json') &&
    !/^\/api\/(?:auth\/|events(?:\/|$)|metrics$|health$|ready$|time$)/.test(url.pathname),
  handler: 'NetworkFirst',
  options: {
    cacheName: API_CACHE,
    networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS,
    cacheableResponse: { statuses: [200] },
    expiration: { maxEntries: 300, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true },
    plugins: [
      {
        // Tells the page that asked that this answer is the stored one, so it can say so.
        cachedResponseWillBeUsed: async ({ event, cachedResponse }) => {
          const clientId = event && 'clientId' in event ? String(event.clientId) : ''
          if (cachedResponse && clientId) {
            const worker = globalThis as unknown as {
              clients: { get(id: string): Promise<{ postMessage(message: unknown): void } | undefined> }
            }
            const client = await worker.clients.get(clientId)
            client?.postMessage({ type: 'confer:stored-answer', savedAt: cachedResponse.headers.get('date') })
          }
          return cachedResponse
        },
      },
    ],
  },
}

export const pwaOptions: Partial<VitePWAOptions> = {
  strategies: 'generateSW',
  // A reload in the middle of a meeting is the person's call: the page offers it (OfflineBanner).
  registerType: 'prompt',
  // Registered from main.tsx: an injected inline script would need the CSP to allow it.
  injectRegister: false,
  manifest: {
    name: 'Confer',
    short_name: 'Confer',
    description: 'Meeting notes your teacher team writes together, live.',
    // --accent and --bg of styles/base.css.
    theme_color: '#1f5fbf',
    background_color: '#f7f7f5',
    display: 'standalone',
    start_url: '/',
    scope: '/',
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    // The app shell: index.html and every hashed chunk, the lazily loaded pages' included.
    // (The manifest's icons join by themselves: includeManifestIcons.)
    globPatterns: ['**/*.{js,css,html,woff2}'],
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    cleanupOutdatedCaches: true,
    // The first install controls the page at once, so what it reads next is stored too.
    clientsClaim: true,
    skipWaiting: false,
    // Client-side routes open from the stored index.html; the API and the socket never do.
    navigateFallback: '/index.html',
    navigateFallbackDenylist: [/^\/api(?:\/|$)/, /^\/collab(?:\/|$)/],
    runtimeCaching: [apiReads],
  },
}

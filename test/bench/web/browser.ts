import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from '@playwright/test'
import type { WebTarget } from './server.ts'

/** Debian's Chromium with the flags the browser tests use (playwright.config.ts, TOOLCHAIN.md). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

/** A fresh profile (empty HTTP cache, no service worker, no IndexedDB) signed in as the browser user. */
export async function signedInContext(browser: Browser, target: WebTarget): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addCookies([{ ...target.sessionCookie, url: target.url }])
  return context
}

/** A page with a DevTools protocol session of its own. */
export async function pageWithCdp(context: BrowserContext): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  return { page, cdp }
}

/**
 * Lighthouse's mobile profile ("slow 4G" on a mid-range phone): 1.6 Mbps down, 750 kbps up,
 * 150 ms round trip, the CPU 4× slower than this machine's.
 */
export async function throttle(cdp: CDPSession): Promise<void> {
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: 1.6e6 / 8,
    uploadThroughput: 750e3 / 8,
  })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
}

/** The page's JS heap after a full garbage collection, with the DOM's size beside it. */
export async function heapAfterGc(
  cdp: CDPSession,
): Promise<{ heapBytes: number; nodes: number; listeners: number }> {
  await cdp.send('HeapProfiler.collectGarbage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0
  return {
    heapBytes: metric('JSHeapUsedSize'),
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
  }
}

/** Letters, space and Enter as a keyboard sends them, through the DevTools protocol. */
export async function pressKey(cdp: CDPSession, char: string): Promise<void> {
  const key =
    char === '\n'
      ? { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' }
      : char === ' '
        ? { key: ' ', code: 'Space', windowsVirtualKeyCode: 32, text: ' ' }
        : {
            key: char,
            code: `Key${char.toUpperCase()}`,
            windowsVirtualKeyCode: char.toUpperCase().charCodeAt(0),
            text: char,
          }
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, unmodifiedText: key.text })
  await cdp.send('Input.dispatchKeyEvent', {
    type: 'keyUp',
    key: key.key,
    code: key.code,
    windowsVirtualKeyCode: key.windowsVirtualKeyCode,
  })
}

/** The notes editor of the seeded "Notes" item, as the browser tests find it (test/e2e/support/people.ts). */
export const notesEditor = (page: Page) => page.getByRole('textbox', { name: 'Notes', exact: true })

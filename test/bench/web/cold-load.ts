import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import type { Browser, CDPSession } from '@playwright/test'
import { notesEditor, pageWithCdp, signedInContext, throttle } from './browser.ts'
import { editableProbe } from './page-probes.ts'
import type { WebTarget } from './server.ts'

/** One script response, as the DevTools protocol reported it. */
export interface ScriptLoad {
  path: string
  /** Bytes on the wire (headers included), as served. */
  wireBytes: number
  /** The file's size, and gzipped (zlib level 6, what a server's gzip commonly uses). */
  bytes: number
  gzipBytes: number
  contentEncoding: string | null
  /** ms from navigation start until its last byte arrived. */
  finishedAtMs: number
}

export interface ColdLoad {
  /** ms from navigation start to the first frame with the "Notes" editor editable. */
  editableMs: number
  /** Scripts whose last byte arrived before that frame. */
  scripts: ScriptLoad[]
  /** Every HTTP response before that frame (document, styles, API), on the wire. */
  allWireBytes: number
  /** A keystroke typed right after reached the editor. */
  typed: boolean
}

interface Pending {
  url: string
  type: string
  contentEncoding: string | null
}

/**
 * Watches one page's network through the DevTools protocol: what each response was, when its
 * last byte arrived (the protocol's monotonic clock, turned into wall-clock ms through the
 * pair `requestWillBeSent` carries) and its size on the wire.
 */
function watchNetwork(cdp: CDPSession) {
  const pending = new Map<string, Pending>()
  const finished: (Pending & { wireBytes: number; at: number })[] = []
  let wallMinusMonotonicMs: number | null = null
  cdp.on('Network.requestWillBeSent', (e) => {
    wallMinusMonotonicMs ??= e.wallTime * 1000 - e.timestamp * 1000
    pending.set(e.requestId, { url: e.request.url, type: e.type ?? 'Other', contentEncoding: null })
  })
  cdp.on('Network.responseReceived', (e) => {
    const p = pending.get(e.requestId)
    if (!p) return
    p.type = e.type
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
    )
    p.contentEncoding = headers['content-encoding'] ?? null
  })
  cdp.on('Network.loadingFinished', (e) => {
    const p = pending.get(e.requestId)
    if (!p || wallMinusMonotonicMs === null) return
    finished.push({ ...p, wireBytes: e.encodedDataLength, at: e.timestamp * 1000 + wallMinusMonotonicMs })
  })
  return finished
}

const isScript = (r: { type: string; url: string }) => r.type === 'Script' || /\.m?js(\?|$)/.test(r.url)

/**
 * Opens a meeting in a fresh profile on a throttled network and CPU, and measures the time to
 * an editable "Notes" editor and what was downloaded before it. `webDist` is the build being
 * served, to size each script gzipped whatever the server sent.
 */
export async function coldLoad(
  browser: Browser,
  target: WebTarget,
  meetingId: string,
  webDist: string,
  options: { throttled: boolean },
): Promise<ColdLoad> {
  const context = await signedInContext(browser, target)
  try {
    const { page, cdp } = await pageWithCdp(context)
    await page.addInitScript(editableProbe)
    await cdp.send('Network.enable')
    if (options.throttled) await throttle(cdp)
    const responses = watchNetwork(cdp)
    await page.goto(`${target.url}/m/${meetingId}`, { waitUntil: 'commit' })
    await page.waitForFunction(() => window.__benchEditableAt !== undefined, null, {
      timeout: 120_000,
      polling: 100,
    })
    const { editableMs, origin } = await page.evaluate(() => ({
      editableMs: window.__benchEditableAt ?? 0,
      origin: performance.timeOrigin,
    }))
    const before = responses.filter((r) => r.at <= origin + editableMs)
    const scripts = before.filter(isScript).map((r): ScriptLoad => {
      const urlPath = new URL(r.url).pathname
      const file = path.join(webDist, urlPath)
      const body = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0)
      return {
        path: urlPath,
        wireBytes: r.wireBytes,
        bytes: body.length,
        gzipBytes: zlib.gzipSync(body, { level: 6 }).length,
        contentEncoding: r.contentEncoding,
        finishedAtMs: Math.round(r.at - origin),
      }
    })
    // Not timed: a check that "editable" meant it (a keystroke lands in the notes).
    const editor = notesEditor(page)
    await editor.click()
    await page.keyboard.press('ControlOrMeta+End')
    await page.keyboard.type('Qx')
    const typed = await page
      .waitForFunction(
        () =>
          document.activeElement?.getAttribute('role') === 'textbox' &&
          document.activeElement.textContent?.includes('Qx'),
        null,
        { timeout: 30_000 },
      )
      .then(
        () => true,
        () => false,
      )
    return {
      editableMs: Math.round(editableMs),
      scripts,
      allWireBytes: before.reduce((sum, r) => sum + r.wireBytes, 0),
      typed,
    }
  } finally {
    await context.close()
  }
}

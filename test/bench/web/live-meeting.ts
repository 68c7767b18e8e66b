import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test'
import * as Y from 'yjs'
import { notesEditor, pageWithCdp, pressKey, signedInContext } from './browser.ts'
import { notesText, prefillMeeting, RemoteTypist } from './meeting-doc.ts'
import { keystrokeProbe } from './page-probes.ts'
import type { WebTarget } from './server.ts'

export interface LiveMeetingOptions {
  /** The meeting's encoded size before anyone types. */
  bytes: number
  /** Agenda items the notes are spread over; everyone types into the first ("Notes"). */
  items: number
  /** Bearer tokens of the people typing from elsewhere, one each. */
  remoteTokens: string[]
  remoteCharsPerSecond: number
}

/** A meeting under way in the browser: its page, a protocol session, and the people typing elsewhere. */
export interface LiveMeeting {
  page: Page
  cdp: CDPSession
  context: BrowserContext
  typists: RemoteTypist[]
  itemId: string
  /** The encoded document's size once prefilled. */
  prefilledBytes: number
  /** Types `text` at the end of the browser's own paragraph, one key every `intervalMs` (later when the page lags). */
  type(text: string, intervalMs: number, shouldStop?: () => boolean): Promise<number>
  /** Resolves once a remote participant holds everything the browser typed. */
  converged(timeoutMs?: number): Promise<boolean>
  /** The encoded size of the document as a remote participant holds it now. */
  documentBytes(): number
  close(): Promise<void>
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Prefills a meeting, opens it in a fresh profile (no throttling: this is about the editor, not
 * the network), starts the remote typists, and puts the browser's caret in a new paragraph at
 * the end of the "Notes" item, ready to type.
 */
export async function openLiveMeeting(
  browser: Browser,
  target: WebTarget,
  options: LiveMeetingOptions,
): Promise<LiveMeeting> {
  const meetingId = await target.newMeeting()
  const room = `meeting/${meetingId}`
  const prefilled = await prefillMeeting(
    { wsUrl: target.wsUrl, token: target.facilitator.token, room },
    options.bytes,
    options.items,
  )
  const itemId = prefilled.itemIds[0] ?? ''
  const context = await signedInContext(browser, target)
  const { page, cdp } = await pageWithCdp(context)
  await page.addInitScript(keystrokeProbe)
  await cdp.send('Performance.enable')
  await page.goto(`${target.url}/m/${meetingId}`)
  const editor = notesEditor(page)
  await editor.waitFor({ state: 'visible', timeout: 120_000 })
  await page.waitForFunction(
    () =>
      /^(live|saved)$/.test(
        document.querySelector('[role="status"][data-state]')?.getAttribute('data-state') ?? '',
      ),
    null,
    { timeout: 60_000 },
  )
  // The caret goes in first: a click waits for the page, which is busiest once everyone types.
  await editor.click({ timeout: 120_000 })
  await page.keyboard.press('ControlOrMeta+End')
  await pressKey(cdp, '\n')
  // Spread over the notes, the way people write under different points of the same item.
  const typists = options.remoteTokens.map(
    (token, i) =>
      new RemoteTypist(
        { wsUrl: target.wsUrl, token, room },
        `Remote ${i + 1}`,
        itemId,
        (i + 0.5) / options.remoteTokens.length,
      ),
  )
  await Promise.all(typists.map((t) => t.start(options.remoteCharsPerSecond)))
  let typed = ''
  const watcher = typists[0]
  return {
    page,
    cdp,
    context,
    typists,
    itemId,
    prefilledBytes: prefilled.bytes,
    async type(text, intervalMs, shouldStop = () => false) {
      let next = performance.now()
      let sent = 0
      for (const char of text) {
        if (shouldStop()) break
        await pressKey(cdp, char)
        typed = char === '\n' ? '' : typed + char
        sent += 1
        next += intervalMs
        await sleep(Math.max(0, next - performance.now()))
      }
      return sent
    },
    async converged(timeoutMs = 30_000) {
      if (!watcher) return true
      const tail = typed.slice(-30)
      const until = Date.now() + timeoutMs
      while (Date.now() < until) {
        if (notesText(watcher.client.doc, itemId).includes(tail)) return true
        await sleep(200)
      }
      return false
    },
    documentBytes: () => (watcher ? Y.encodeStateAsUpdate(watcher.client.doc).length : 0),
    async close() {
      for (const t of typists) t.close()
      await context.close()
    },
  }
}

const LOCAL_WORDS =
  'during the data protocol we noticed that the students who used number lines explained their thinking more clearly'.split(
    ' ',
  )

/** `count` keystrokes of plausible notes: words, spaces, and a new paragraph every ~100 characters. */
export function notesKeystrokes(count: number): string {
  let text = ''
  let line = 0
  for (let w = 0; text.length < count; w++) {
    const word = LOCAL_WORDS[w % LOCAL_WORDS.length] ?? 'x'
    text += word
    line += word.length
    if (line > 100) {
      text += '\n'
      line = 0
    } else {
      text += ' '
      line += 1
    }
  }
  return text.slice(0, count)
}

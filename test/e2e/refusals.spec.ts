import { expect, type Page, test, type WebSocketRoute } from '@playwright/test'
import { newPerson } from './support/accounts.ts'
import { seriousViolations } from './support/axe.ts'
import { badge, joinMeeting, notes, typeLine } from './support/people.ts'
import { createCommunity, meetingWith } from './support/setup.ts'

/** CloseCode values (packages/model/src/constants.ts), with the reasons the server sends them with. */
const PAYLOAD_TOO_LARGE = { code: 4413, reason: 'update over the size limit' }
const DOCUMENT_FULL = { code: 4413, reason: 'document over the size limit' }
/** A document discarded because an update threw while applied: every socket of it gets this (H2). */
const NOT_APPLIED = { code: 4422, reason: 'update could not be applied' }
const TOO_MANY_CONNECTIONS = { code: 4429, reason: 'too many connections from this address' }
const RATE_LIMITED = { code: 4430, reason: 'too many messages' }

interface Close {
  code: number
  reason: string
}

/**
 * Stands between the page and the real server's /collab door, as the server's own limits would:
 * a message carrying `refuse.text` closes its socket with `refuse`'s code and never reaches the
 * server (an update the server refuses is not applied), and while `limit` is on, every socket is
 * closed with that code at once (a server still over its connection or message limit).
 */
class CollabDoor {
  /** Sockets the page has opened to /collab. */
  opens = 0
  /** Messages refused for carrying the refused text. */
  refusals = 0
  #live = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>()
  #limit: Close | null = null
  readonly #refuse: { text: string } & Close

  private constructor(refuse: { text: string } & Close) {
    this.#refuse = refuse
  }

  static async on(page: Page, refuse: { text: string } & Close): Promise<CollabDoor> {
    const door = new CollabDoor(refuse)
    await page.routeWebSocket(/\/collab/, (ws) => door.#open(ws))
    return door
  }

  #open(ws: WebSocketRoute): void {
    this.opens += 1
    if (this.#limit) {
      void ws.close(this.#limit)
      return
    }
    const pair = { page: ws, server: ws.connectToServer() }
    this.#live.add(pair)
    ws.onMessage((message) => {
      if (typeof message !== 'string' && message.includes(this.#refuse.text)) {
        this.refusals += 1
        void this.#drop(pair, this.#refuse)
        return
      }
      pair.server.send(message)
    })
  }

  async limit(close: Close): Promise<void> {
    this.#limit = close
    await Promise.all([...this.#live].map((pair) => this.#drop(pair, close)))
  }

  release(): void {
    this.#limit = null
  }

  async #drop(
    pair: { page: WebSocketRoute; server: WebSocketRoute },
    { code, reason }: Close,
  ): Promise<void> {
    this.#live.delete(pair)
    await pair.page.close({ code, reason })
    await pair.server.close()
  }
}

/** The alert that a change was refused, named by its heading. */
const refusalAlert = (page: Page) => page.getByRole('alert', { name: /^Your last change/ })
/** The part of the page around that alert, with what to do about it. */
const refusalNotice = (page: Page) => page.getByRole('region', { name: /^Your last change/ })

test('[H1] a change the server refuses as too large stops the retries, says so, and "Reload from the server" brings the notes back to working', async ({
  browser,
}) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const { meetingId } = await meetingWith(ada)
  await ada.context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const refused = `Pasted block ${Date.now().toString(36)}`
  const door = await CollabDoor.on(ada.page, { text: refused, ...PAYLOAD_TOO_LARGE })
  await joinMeeting(ada, meetingId)
  await typeLine(ada.page, 'Saved before the refusal')
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'saved')

  // One paste is one update: the server refuses it whole.
  await ada.page.keyboard.press('Enter')
  await ada.page.keyboard.insertText(refused)

  const alert = refusalAlert(ada.page)
  await expect(alert).toBeVisible()
  await expect(alert).toContainText('too large to save')
  await expect(alert).toContainText('kept only in this tab')
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'refused')
  // Kept in this tab, and no more typing into a document that cannot save.
  await expect(notes(ada.page)).toContainText(refused)
  await expect(notes(ada.page)).toHaveAttribute('contenteditable', 'false')

  // The provider would resend the refused update on every reconnect (a second after each close);
  // nothing is awaited here because the point is that nothing happens.
  const opens = door.opens
  await ada.page.waitForTimeout(2_500)
  expect(door.opens).toBe(opens)
  expect(door.refusals).toBe(1)

  expect(await seriousViolations(ada.page)).toEqual([])

  // Reachable from the keyboard: focus moves to the alert, the next Tab reaches its first action.
  const notice = refusalNotice(ada.page)
  await expect(notice).toBeFocused()
  await ada.page.keyboard.press('Tab')
  await expect(notice.getByRole('button', { name: 'Copy my notes' })).toBeFocused()
  await ada.page.keyboard.press('Enter')
  await expect(notice.getByRole('status')).toHaveText(/Copied/)
  const copied = await ada.page.evaluate(() => navigator.clipboard.readText())
  expect(copied).toContain('Saved before the refusal')
  expect(copied).toContain(refused)

  await ada.page.keyboard.press('Tab')
  await expect(notice.getByRole('button', { name: 'Reload from the server' })).toBeFocused()
  await ada.page.keyboard.press('Enter')

  // The server's notes, without the refused change, and editing saves again.
  await expect(notes(ada.page)).toContainText('Saved before the refusal')
  await expect(badge(ada.page)).toHaveAttribute('data-state', /^(live|saved)$/)
  await expect(refusalAlert(ada.page)).toHaveCount(0)
  await expect(notes(ada.page)).not.toContainText(refused)
  await typeLine(ada.page, 'Typed after reloading')
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'saved')
  expect(door.refusals).toBe(1)

  // What everyone else reads: the server never had the refused change.
  const summary = await (await ada.api.get(`/api/meetings/${meetingId}/summary.md`)).text()
  expect(summary).toContain('Typed after reloading')
  expect(summary).not.toContain(refused)
  await ada.context.close()
})

test('[H1] a paste nested deeper than the server allows is refused by the real server, and the page says so in plain words', async ({
  browser,
}) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const { meetingId } = await meetingWith(ada)
  await joinMeeting(ada, meetingId)
  await typeLine(ada.page, 'Before the deep paste')
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'saved')

  // 60 lists, each in an item of the one above: past MAX_XML_DEPTH (100) of the default limits.
  let html = '<p>the deepest point</p>'
  for (let level = 60; level > 0; level--) html = `<ul><li><p>level ${level}</p>${html}</li></ul>`
  await notes(ada.page).evaluate((editor, pasted) => {
    const clipboardData = new DataTransfer()
    clipboardData.setData('text/html', pasted)
    editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }))
  }, html)

  await expect(refusalAlert(ada.page)).toContainText('it nests lists too deeply')
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'refused')
  await expect(notes(ada.page)).toContainText('the deepest point')

  await refusalNotice(ada.page).getByRole('button', { name: 'Reload from the server' }).click()
  await expect(badge(ada.page)).toHaveAttribute('data-state', /^(live|saved)$/)
  await expect(notes(ada.page)).toContainText('Before the deep paste')
  await expect(notes(ada.page)).not.toContainText('the deepest point')
  await expect(refusalAlert(ada.page)).toHaveCount(0)
  await ada.context.close()
})

test('[H1] on the charter, a change over the document quota is explained the same way and editing stops', async ({
  browser,
}) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const communityId = await createCommunity(ada)
  const refused = `Our purpose ${Date.now().toString(36)}`
  const door = await CollabDoor.on(ada.page, { text: refused, ...DOCUMENT_FULL })
  await ada.page.goto(`/c/${communityId}/charter`)
  const preamble = ada.page.getByRole('textbox', { name: 'Preamble' })
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'live')
  await preamble.click()
  await expect(preamble).toBeFocused()
  await ada.page.keyboard.insertText(refused)

  await expect(refusalAlert(ada.page)).toContainText('this charter is over its size limit')
  await expect(refusalNotice(ada.page).getByRole('button', { name: 'Copy the charter' })).toBeVisible()
  await expect(preamble).toHaveAttribute('contenteditable', 'false')
  await expect(ada.page.getByLabel('New norm')).toHaveCount(0)
  expect(door.refusals).toBe(1)
  await ada.context.close()
})

test('[H2] a tab whose own change keeps getting its document discarded stops after three tries and says so', async ({
  browser,
}) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const { meetingId } = await meetingWith(ada)
  const poison = `Poison ${Date.now().toString(36)}`
  const door = await CollabDoor.on(ada.page, { text: poison, ...NOT_APPLIED })
  await joinMeeting(ada, meetingId)
  await typeLine(ada.page, 'Before the discard')
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'saved')
  await ada.page.keyboard.press('Enter')
  await ada.page.keyboard.insertText(poison)

  await expect(refusalAlert(ada.page)).toContainText('the server could not apply it')
  expect(door.refusals).toBe(3)
  await ada.context.close()
})

test('[H2] a tab with nothing of its own pending just reconnects through discards of its document', async ({
  browser,
}) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const { meetingId } = await meetingWith(ada)
  const door = await CollabDoor.on(ada.page, { text: '\u0000never', ...PAYLOAD_TOO_LARGE })
  await joinMeeting(ada, meetingId)
  await typeLine(ada.page, 'Saved before the discards')
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'saved')

  // Someone else's update keeps getting the document discarded: every socket of it is closed.
  await door.limit(NOT_APPLIED)
  const opens = door.opens
  await expect.poll(() => door.opens, { timeout: 15_000 }).toBeGreaterThan(opens + 3)
  await expect(refusalAlert(ada.page)).toHaveCount(0)
  door.release()
  await expect(badge(ada.page)).toHaveAttribute('data-state', /^(live|saved)$/)
  await typeLine(ada.page, 'Typed after the discards')
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'saved')
  await ada.context.close()
})

for (const { close, state, label } of [
  { close: RATE_LIMITED, state: 'rate-limited', label: 'Too many messages — retrying' },
  {
    close: TOO_MANY_CONNECTIONS,
    state: 'too-many-connections',
    label: 'Too many connections from this browser or school — retrying',
  },
]) {
  test(`[H4] a ${close.code} says why the notes are reconnecting and recovers by itself`, async ({
    browser,
  }) => {
    const ada = await newPerson(browser, 'Ada Lovelace')
    const { meetingId } = await meetingWith(ada)
    const door = await CollabDoor.on(ada.page, { text: '\u0000never', ...PAYLOAD_TOO_LARGE })
    await joinMeeting(ada, meetingId)
    await typeLine(ada.page, 'Before the limit')
    await expect(badge(ada.page)).toHaveAttribute('data-state', 'saved')

    await door.limit(close)
    await expect(badge(ada.page)).toHaveAttribute('data-state', state)
    await expect(badge(ada.page)).toHaveText(label)
    const opens = door.opens
    // Still retrying by itself (every refused attempt is another socket), and typing is kept.
    await expect.poll(() => door.opens).toBeGreaterThan(opens)
    await typeLine(ada.page, 'Typed while limited')
    await expect(refusalAlert(ada.page)).toHaveCount(0)

    door.release()
    await expect(badge(ada.page)).toHaveAttribute('data-state', 'saved')
    await ada.page.reload()
    await expect(notes(ada.page)).toContainText('Typed while limited')
    await ada.context.close()
  })
}

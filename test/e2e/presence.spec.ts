import { type Browser, expect, type Page, test, type WebSocketRoute } from '@playwright/test'
import { call, newPeople, newVisitor, PASSWORD, type Person } from './support/accounts.ts'
import { seriousViolations } from './support/axe.ts'
import { badge, hereNow, joinMeeting, notes, presence, typeLine } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

const OFFLINE = /^Offline — (\d+ unsynced changes?|changes) kept on this device$/

/** The same account signed in on another device (a browser profile of its own). */
async function anotherDevice(browser: Browser, person: Person): Promise<Person> {
  const { context, page } = await newVisitor(browser)
  await call(context.request, 'POST', '/api/auth/login', { email: person.email, password: PASSWORD })
  return { ...person, context, page, api: context.request }
}

/** Every `data-state` the badge takes from now on, kept in the page so none is missed between polls. */
async function recordBadgeStates(page: Page): Promise<() => Promise<string[]>> {
  await badge(page).evaluate((element) => {
    const seen: string[] = [element.getAttribute('data-state') ?? '']
    new MutationObserver(() => seen.push(element.getAttribute('data-state') ?? '')).observe(element, {
      attributeFilter: ['data-state'],
    })
    ;(window as unknown as { badgeStates: string[] }).badgeStates = seen
  })
  return () => page.evaluate(() => [...(window as unknown as { badgeStates: string[] }).badgeStates])
}

test('P1: the same person on two devices is listed once, as long as one device is there', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea])
  const adaPhone = await anotherDevice(browser, ada)
  await joinMeeting(ada, meetingId)
  await joinMeeting(adaPhone, meetingId)
  await joinMeeting(bea, meetingId)

  const adaOnBea = hereNow(bea.page).getByRole('listitem').filter({ hasText: 'Ada Lovelace' })
  await expect(presence(bea.page)).toHaveText(['Bea Turner (you)', 'Ada Lovelace'])
  await expect(adaOnBea).toHaveText('Ada Lovelace2 devices')
  await expect(hereNow(bea.page).getByRole('heading')).toHaveText('Here now (2)')
  // Ada's own devices show her once too, as herself.
  await expect(presence(ada.page)).toHaveText(['Ada Lovelace (you)', 'Bea Turner'])
  await expect(presence(adaPhone.page)).toHaveText(['Ada Lovelace (you)', 'Bea Turner'])
  expect(await seriousViolations(bea.page)).toEqual([])

  // She closes the laptop properly: still here, on one device.
  await ada.context.close()
  await expect(adaOnBea).toHaveText('Ada Lovelace')
  await expect(presence(bea.page)).toHaveText(['Bea Turner (you)', 'Ada Lovelace'])

  await adaPhone.context.close()
  await expect(presence(bea.page)).toHaveText(['Bea Turner (you)'])
  await bea.context.close()
})

test('P2, P3: offline, the badge says so within 5 s and the others stop listing the person within 30 s', async ({
  browser,
}) => {
  // The server's default heartbeat (SOCKET_IDLE_TIMEOUT_MS) is what this waits for.
  test.setTimeout(180_000)
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea])
  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)
  await typeLine(ada.page, 'Written while online')
  await expect(notes(bea.page)).toContainText('Written while online')
  await expect(presence(bea.page)).toHaveText(['Bea Turner (you)', 'Ada Lovelace'])
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'saved')
  const adaStates = await recordBadgeStates(ada.page)

  // Like Wi-Fi gone: the open socket is not closed, nothing gets through it any more.
  await ada.context.setOffline(true)
  const offlineAt = Date.now()
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'offline', { timeout: 5_000 })
  await expect(badge(ada.page)).toHaveText(OFFLINE)

  await typeLine(ada.page, 'Typed on the bus')
  await expect(badge(ada.page)).toHaveText(/^Offline — \d+ unsynced changes? kept on this device$/)
  // Never "Saving…" while nothing can be saved.
  expect(await adaStates()).toEqual(expect.not.arrayContaining(['saving']))

  await expect(presence(bea.page)).toHaveText(['Bea Turner (you)'], {
    timeout: 30_000 - (Date.now() - offlineAt),
  })
  expect(await adaStates()).toEqual(expect.not.arrayContaining(['saving', 'saved', 'live']))

  await ada.context.setOffline(false)
  await expect(badge(ada.page)).toHaveText('All changes saved')
  await expect(notes(bea.page)).toContainText('Typed on the bus')
  await expect(presence(bea.page)).toHaveText(['Bea Turner (you)', 'Ada Lovelace'])
  expect(await seriousViolations(ada.page)).toEqual([])

  await ada.context.close()
  await bea.context.close()
})

test('P3: a link that goes silent without closing shows offline within 5 s, though the browser thinks it is online', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea])
  // Ada's sockets through a link that can swallow every frame both ways, as a dead router does.
  let silent = false
  const routes: WebSocketRoute[] = []
  await ada.page.routeWebSocket(/\/collab/, (ws) => {
    const server = ws.connectToServer()
    routes.push(ws, server)
    ws.onMessage((message) => {
      if (!silent) server.send(message)
    })
    server.onMessage((message) => {
      if (!silent) ws.send(message)
    })
  })
  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)

  silent = true
  await typeLine(ada.page, 'Nobody hears this yet')
  const typedAt = Date.now()
  await expect(badge(ada.page)).toHaveText(OFFLINE, { timeout: 5_000 })
  expect(Date.now() - typedAt).toBeLessThan(5_000)
  expect(await ada.page.evaluate(() => navigator.onLine)).toBe(true)

  // The link dies for good; the provider reconnects and sends what it kept.
  silent = false
  await Promise.all(routes.splice(0).map((route) => route.close()))
  await expect(badge(ada.page)).toHaveText('All changes saved')
  await expect(notes(bea.page)).toContainText('Nobody hears this yet')

  await ada.context.close()
  await bea.context.close()
})

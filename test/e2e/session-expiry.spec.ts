import { expect, type Page, test, type WebSocketRoute } from '@playwright/test'
import { newPerson, PASSWORD } from './support/accounts.ts'
import { badge, joinMeeting, notes, typeLine } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

/** CloseCode.credentialExpired: what the server sends when the socket's session expires (A8). */
const CREDENTIAL_EXPIRED = 4401

/**
 * Routes the page's /collab sockets; the returned function closes them as the server does when
 * the session they authenticated with expires.
 */
async function routeCollab(page: Page): Promise<() => Promise<void>> {
  const open: { page: WebSocketRoute; server: WebSocketRoute }[] = []
  await page.routeWebSocket(/\/collab/, (ws) => {
    open.push({ page: ws, server: ws.connectToServer() })
  })
  return async () => {
    const closing = open.splice(0)
    await Promise.all(
      closing.flatMap((ws) => [
        ws.server.close(),
        ws.page.close({ code: CREDENTIAL_EXPIRED, reason: 'credential expired' }),
      ]),
    )
  }
}

test('[A8] when my session expires with a meeting open, I am sent to log in and come back to my notes', async ({
  browser,
}) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const { meetingId } = await meetingWith(ada)
  const expire = await routeCollab(ada.page)
  await joinMeeting(ada, meetingId)
  await typeLine(ada.page, 'Kept through the log-in')
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'saved')

  // At expiry the browser drops the cookie (its lifetime is the session's) and the server closes
  // the socket with 4401; the server side of that is proven in apps/server/test/revocation.test.ts.
  await ada.context.clearCookies()
  await expire()

  await expect(ada.page).toHaveURL(`/login?next=${encodeURIComponent(`/m/${meetingId}`)}`)
  await ada.page.getByLabel('Email').fill(ada.email)
  await ada.page.getByLabel('Password').fill(PASSWORD)
  await ada.page.getByRole('button', { name: 'Log in' }).click()
  await expect(ada.page).toHaveURL(`/m/${meetingId}`)
  await expect(notes(ada.page)).toContainText('Kept through the log-in')
  await ada.context.close()
})

test('[A8] a 4401 while this browser holds a newer session (logged in again in another tab) keeps me in the meeting', async ({
  browser,
}) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const { meetingId } = await meetingWith(ada)
  const expire = await routeCollab(ada.page)
  await joinMeeting(ada, meetingId)

  // The old session's socket expires; the cookie jar already holds the new session.
  await expire()
  await expect(badge(ada.page)).toHaveAttribute('data-state', /^(live|saved)$/)
  await typeLine(ada.page, 'Still here')
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'saved')
  await expect(ada.page).toHaveURL(`/m/${meetingId}`)
  await ada.context.close()
})

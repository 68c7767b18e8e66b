import { expect, type Page, test } from '@playwright/test'
import { accountNav, newPeople, newPerson, newVisitor, PASSWORD } from './support/accounts.ts'
import { badge, joinMeeting, notes, typeLine } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

/** Every Content-Security-Policy violation the page reports from now on. */
function cspViolations(page: Page): string[] {
  const seen: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text())
  })
  return seen
}

test('[W1] the app works under its security headers: a meeting opens, notes are typed and saved, nothing is refused', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const violations = [...[ada.page, bea.page].map(cspViolations)]
  const { meetingId } = await meetingWith(ada, [bea])

  const response = await ada.page.goto('/')
  const headers = response?.headers() ?? {}
  expect(headers['content-security-policy']).toContain("script-src 'self'")
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toBe('same-origin')

  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)
  // Spaces and a second line: ProseMirror's white-space rule comes from Tiptap's injected style.
  await typeLine(ada.page, 'Norms  reviewed  by everyone')
  await expect(notes(bea.page)).toContainText('Norms  reviewed  by everyone')
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'saved')
  await expect(notes(ada.page)).toHaveCSS('white-space', 'break-spaces')
  // A caret of the other person (inline colours) is on screen.
  await expect(
    notes(bea.page).locator('.collaboration-carets__label', { hasText: 'Ada Lovelace' }),
  ).toBeVisible()

  expect(violations.flat()).toEqual([])
  await ada.context.close()
  await bea.context.close()
})

test('[A9] "Sign out everywhere", by keyboard, with a confirmation: the other browser is signed out too', async ({
  browser,
}) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const { meetingId } = await meetingWith(ada)
  // The same person on a second computer, with the meeting open.
  const laptop = await newVisitor(browser)
  await laptop.page.goto('/login')
  await laptop.page.getByLabel('Email').fill(ada.email)
  await laptop.page.getByLabel('Password').fill(PASSWORD)
  await laptop.page.getByRole('button', { name: 'Log in' }).click()
  await expect(accountNav(laptop.page)).toContainText('Signed in as Ada Lovelace')
  await laptop.page.goto(`/m/${meetingId}`)
  await expect(notes(laptop.page)).toBeVisible()

  const { page } = ada
  await joinMeeting(ada, meetingId)
  const button = accountNav(page).getByRole('button', { name: 'Sign out everywhere' })
  await button.focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Sign out on every device?' })
  await expect(dialog).toBeVisible()
  // The safe choice has the focus; Escape keeps everyone signed in.
  await expect(dialog.getByRole('button', { name: 'Stay signed in' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  expect((await ada.api.get('/api/me')).status()).toBe(200)

  await button.focus()
  await page.keyboard.press('Enter')
  await dialog.getByRole('button', { name: 'Sign out everywhere' }).focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL('/login')
  // The laptop's session is gone too: its open meeting is cut off at once and says so.
  await expect(laptop.page.getByRole('heading', { name: 'Your session has ended' })).toBeVisible()
  expect((await laptop.context.request.get('/api/me')).status()).toBe(401)
  await ada.context.close()
  await laptop.context.close()
})

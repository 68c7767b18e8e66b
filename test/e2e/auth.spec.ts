import { expect, test } from '@playwright/test'
import { accountNav, newPerson, newVisitor, PASSWORD, uniqueEmail } from './support/accounts.ts'
import { CollabLink } from './support/network.ts'
import { badge, joinMeeting, notes, typeLine } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

test('signing up: the password rule is stated up front, mistakes are explained inline, then I am signed in', async ({
  page,
}) => {
  await page.goto('/')
  await page.getByRole('main').getByRole('link', { name: 'Sign up' }).click()
  await expect(page).toHaveURL('/signup')
  await expect(page.getByText('At least 10 characters.')).toBeVisible()

  await page.getByLabel('Your name').fill('Dana Park')
  await page.getByLabel('Email').fill('not-an-address')
  await page.getByLabel('Password').fill('short')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByText('Enter a valid email address.')).toBeVisible()
  await expect(page.getByText('Use at least 10 characters for your password.')).toBeVisible()
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByLabel('Email')).toBeFocused()

  await page.getByLabel('Email').fill(uniqueEmail('Dana Park'))
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page).toHaveURL('/')
  await expect(accountNav(page)).toContainText('Signed in as Dana Park')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Dana Park')
  await expect(page.getByRole('region', { name: 'Your communities' })).toContainText('not in a community yet')
})

test('an address that already has an account is refused with the server’s message', async ({ browser }) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const visitor = await newVisitor(browser)
  await visitor.page.goto('/signup')
  await visitor.page.getByLabel('Your name').fill('Ada Again')
  await visitor.page.getByLabel('Email').fill(ada.email)
  await visitor.page.getByLabel('Password').fill(PASSWORD)
  await visitor.page.getByRole('button', { name: 'Create account' }).click()
  await expect(visitor.page.getByText('An account with this email already exists.').first()).toBeVisible()
  await expect(visitor.page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true')
  await expect(visitor.page).toHaveURL('/signup')
  await ada.context.close()
  await visitor.context.close()
})

test('logging in: a wrong password is explained, the right one signs me in', async ({ browser }) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const visitor = await newVisitor(browser)
  const { page } = visitor
  await page.goto('/login')
  await page.getByLabel('Email').fill(ada.email)
  await page.getByLabel('Password').fill('not the right password')
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByRole('alert')).toHaveText('That email and password do not match.')

  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page).toHaveURL('/')
  await expect(accountNav(page)).toContainText('Signed in as Ada Lovelace')
  await ada.context.close()
  await visitor.context.close()
})

test('after logging out, a meeting link goes to the log-in page, and logging in returns to the meeting', async ({
  browser,
}) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const { meetingId } = await meetingWith(ada)
  const { page } = ada
  await joinMeeting(ada, meetingId)
  await typeLine(page, 'Exit tickets reviewed')
  await expect(badge(page)).toHaveAttribute('data-state', 'saved')

  // A second tab of the same browser follows the log-out.
  const otherTab = await ada.context.newPage()
  await otherTab.goto('/')
  await expect(accountNav(otherTab)).toContainText('Signed in as Ada Lovelace')

  await accountNav(page).getByRole('button', { name: 'Log out' }).click()
  await expect(page).toHaveURL('/login')
  await expect(accountNav(page)).toHaveCount(0)
  await expect(otherTab).toHaveURL('/login')

  // This device no longer keeps any copy of the notes (a shared classroom laptop).
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const databases = await indexedDB.databases()
        const keys = Object.keys(localStorage)
        return [...databases.map((db) => db.name ?? ''), ...keys].filter((name) => name.startsWith('confer'))
      }),
    )
    .toEqual([])

  await page.goto(`/m/${meetingId}`)
  await expect(page).toHaveURL(`/login?next=${encodeURIComponent(`/m/${meetingId}`)}`)
  await expect(notes(page)).toHaveCount(0)

  await page.getByLabel('Email').fill(ada.email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page).toHaveURL(`/m/${meetingId}`)
  await expect(notes(page)).toContainText('Exit tickets reviewed')
  await ada.context.close()
})

test('logging out with notes the server has not confirmed warns first', async ({ browser }) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const { meetingId } = await meetingWith(ada)
  const { page } = ada
  const link = await CollabLink.install(page)
  await joinMeeting(ada, meetingId)

  await link.drop()
  await expect(badge(page)).toHaveAttribute('data-state', 'offline')
  await typeLine(page, 'Typed with no connection')

  await page.getByRole('button', { name: 'Log out' }).click()
  const warning = page.getByRole('dialog', { name: 'Some notes have not been saved yet' })
  await expect(warning).toBeVisible()
  await expect(warning.getByRole('button', { name: 'Stay signed in' })).toBeFocused()
  await warning.getByRole('button', { name: 'Stay signed in' }).click()
  await expect(warning).toBeHidden()
  await expect(page).toHaveURL(`/m/${meetingId}`)

  link.restore()
  await expect(badge(page)).toHaveAttribute('data-state', 'saved')
  await page.getByRole('button', { name: 'Log out' }).click()
  await expect(page).toHaveURL('/login')
  await ada.context.close()
})

import { expect, test } from '@playwright/test'
import { accountNav, newPerson } from './support/accounts.ts'
import { badge, notes, notFoundHeading } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

test('signed out, the start page explains Confer and offers to sign up or log in', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Meeting notes')
  const main = page.getByRole('main')
  await expect(main.getByRole('link', { name: 'Sign up' })).toHaveAttribute('href', '/signup')
  await main.getByRole('link', { name: 'Log in' }).click()
  await expect(page).toHaveURL('/login')
  await expect(page.getByRole('heading', { level: 1, name: 'Log in to Confer' })).toBeVisible()
})

test('pages for members send signed-out visitors to log in, keeping where they were going', async ({
  page,
}) => {
  for (const path of ['/c/someCommunity', '/m/someMeeting', '/n/someNetwork']) {
    await page.goto(path)
    await expect(page).toHaveURL(`/login?next=${encodeURIComponent(path)}`)
  }
})

test('signed in, home lists my communities and upcoming meetings, which lead to the meeting', async ({
  browser,
}) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const { communityId, meetingId } = await meetingWith(ada, [], 'Data dig: unit 3 assessment')
  const { page } = ada
  await page.goto('/')
  await expect(accountNav(page)).toContainText('Signed in as Ada Lovelace')
  const communities = page.getByRole('region', { name: 'Your communities' })
  await expect(communities.getByRole('link', { name: 'Grade 5 team' })).toHaveAttribute(
    'href',
    `/c/${communityId}`,
  )
  await expect(communities).toContainText('Facilitator')

  const upcoming = page.getByRole('region', { name: 'Upcoming meetings' })
  await expect(upcoming).toContainText('Grade 5 team')
  await upcoming.getByRole('link', { name: 'Data dig: unit 3 assessment' }).click()
  await expect(page).toHaveURL(`/m/${meetingId}`)
  await expect(page).toHaveTitle('Data dig: unit 3 assessment · Confer')
  await expect(page.getByRole('heading', { level: 1, name: 'Data dig: unit 3 assessment' })).toBeVisible()
  await expect(notes(page)).toBeVisible()
  await expect(badge(page)).toHaveAttribute('data-state', 'live')

  await page.getByRole('link', { name: 'Grade 5 team' }).click()
  await expect(page).toHaveURL(`/c/${communityId}`)
  await page.goBack()
  await expect(notes(page)).toBeVisible()
  await ada.context.close()
})

test('unknown addresses, unknown meetings and malformed ids show the not-found page', async ({ browser }) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const { page } = ada
  for (const path of ['/nowhere/at/all', '/m/not%20an%20id', '/m/noSuchMeeting123', '/c/noSuchCommunity']) {
    await page.goto(path)
    await expect(notFoundHeading(page)).toBeVisible()
    await expect(notes(page)).toHaveCount(0)
  }
  await page.getByRole('link', { name: 'Go to the start page' }).click()
  await expect(page).toHaveURL('/')
  await ada.context.close()
})

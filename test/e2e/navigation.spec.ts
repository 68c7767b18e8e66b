import { expect, test } from '@playwright/test'
import { badge, notes } from './support/people.ts'

test('the start page opens new meeting notes and an existing meeting by id', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Meeting notes')

  await page.getByRole('button', { name: 'Open meeting notes' }).click()
  await expect(page).toHaveURL(/\/m\/[A-Za-z0-9_-]{16}$/)
  await expect(notes(page)).toBeVisible()
  await expect(badge(page)).toHaveAttribute('data-state', 'live')
  const newMeeting = new URL(page.url()).pathname

  // Back goes to the start page; a pasted link opens that meeting again.
  await page.goBack()
  await expect(page.getByLabel('Meeting id')).toBeVisible()
  await page.getByLabel('Meeting id').fill(`http://example.org${newMeeting}`)
  await page.getByLabel('Meeting id').press('Enter')
  await expect(page).toHaveURL(newMeeting)
  await expect(notes(page)).toBeVisible()
})

test('an id that cannot be a meeting shows a helpful error instead of navigating', async ({ page }) => {
  await page.goto('/')
  await page.getByLabel('Meeting id').fill('not a meeting!')
  await page.getByRole('button', { name: 'Open meeting notes' }).click()
  await expect(page.getByRole('alert')).toContainText('letters, digits')
  await expect(page).toHaveURL('/')
})

test('unknown addresses and malformed meeting ids show the not-found page', async ({ page }) => {
  await page.goto('/m/not%20an%20id')
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  await page.goto('/nowhere/at/all')
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  await page.getByRole('link', { name: 'Go to the start page' }).click()
  await expect(page).toHaveURL('/')
})

test('your name is remembered and shown to others', async ({ page }) => {
  await page.goto('/')
  const name = page.getByLabel('Your name')
  await expect(name).toHaveValue(/^Guest \d{4}$/)
  await name.fill('Carmen Ruiz')
  await page.getByRole('button', { name: 'Open meeting notes' }).click()
  await expect(page.getByRole('complementary', { name: 'People in this meeting' })).toContainText(
    'Carmen Ruiz (you)',
  )
  await page.reload()
  await expect(page.getByLabel('Your name')).toHaveValue('Carmen Ruiz')
})

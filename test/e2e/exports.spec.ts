import { expect, test } from '@playwright/test'
import { newPerson } from './support/accounts.ts'
import { seriousViolations } from './support/axe.ts'
import { meetingWith } from './support/setup.ts'

test('[X7] a facilitator makes the calendar feed address, a calendar app reads it, and a new address ends the old one', async ({
  browser,
  request,
}) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const bea = await newPerson(browser, 'Bea Turner')
  const { communityId } = await meetingWith(ada, [bea], 'Fractions data dive')

  const { page } = ada
  await page.goto(`/c/${communityId}`)
  const exports = page.getByRole('region', { name: 'Exports' })
  await expect(exports.getByRole('link', { name: 'Download action items (CSV)' })).toHaveAttribute(
    'href',
    `/api/communities/${communityId}/actions.csv`,
  )
  await expect(exports.getByRole('link', { name: 'Export everything (zip)' })).toBeVisible()
  const feed = exports.getByRole('region', { name: 'Calendar feed' })
  await feed.getByRole('button', { name: 'Make a feed address' }).click()
  const address = feed.getByRole('textbox', { name: 'Calendar feed address' })
  await expect(address).toHaveValue(/\/calendar\.ics\?key=[\w-]{43}$/)
  const first = await address.inputValue()
  expect(await seriousViolations(page)).toEqual([])

  // What a calendar app does: fetch the address with no cookie.
  const calendar = await request.get(first)
  expect(calendar.status()).toBe(200)
  expect(calendar.headers()['content-type']).toBe('text/calendar; charset=utf-8')
  expect(await calendar.text()).toContain('SUMMARY:Fractions data dive')

  // The address is shown once; a reload says one exists and offers to replace it.
  await page.reload()
  await expect(feed.getByText(/A feed address was made on/)).toBeVisible()
  await expect(address).toHaveCount(0)
  await feed.getByRole('button', { name: 'Make a new feed address' }).click()
  const confirm = page.getByRole('dialog', { name: 'Make a new feed address?' })
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
  expect(await seriousViolations(page)).toEqual([])
  await confirm.getByRole('button', { name: 'Make a new address' }).click()
  await expect(confirm).toBeHidden()
  await expect(address).toHaveValue(/\/calendar\.ics\?key=[\w-]{43}$/)
  const second = await address.inputValue()
  expect(second).not.toBe(first)
  expect((await request.get(first)).status()).toBe(404)
  expect((await request.get(second)).status()).toBe(200)

  // Members download, but the feed is the facilitators' to hand out.
  await bea.page.goto(`/c/${communityId}`)
  const beaExports = bea.page.getByRole('region', { name: 'Exports' })
  await expect(beaExports.getByRole('link', { name: 'Export everything (zip)' })).toBeVisible()
  await expect(beaExports.getByRole('region', { name: 'Calendar feed' })).toHaveCount(0)
  const download = bea.page.waitForEvent('download')
  await beaExports.getByRole('link', { name: 'Download action items (CSV)' }).click()
  expect((await download).suggestedFilename()).toBe('Grade 5 team action items.csv')
})

test('[X7] the summary page links the print view and the meeting for a calendar', async ({ browser }) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const { meetingId } = await meetingWith(ada, [], 'Tuning protocol <b>round</b>')
  const { page } = ada
  await page.goto(`/m/${meetingId}/summary`)
  const calendar = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Add to calendar (.ics)' }).click()
  expect((await calendar).suggestedFilename()).toBe('Tuning protocol b round b.ics')
  const opened = page.waitForEvent('popup')
  await page.getByRole('link', { name: 'Print view (HTML)' }).click()
  const print = await opened
  await expect(print.getByRole('heading', { level: 1 })).toHaveText('Tuning protocol <b>round</b>')
  expect(await seriousViolations(print)).toEqual([])
})

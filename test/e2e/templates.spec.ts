import { expect, test } from '@playwright/test'
import { newPeople } from './support/accounts.ts'
import { isoDate } from './support/actions.ts'
import { addAgendaItem, agendaTitles } from './support/agenda.ts'
import { joinMeeting } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

test('an agenda saved as a template starts a weekly series scheduled from the community page', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { communityId, meetingId } = await meetingWith(ada, [bea])
  const { page } = ada

  // Bea, a member, saves the agenda she built as a template.
  await joinMeeting(bea, meetingId)
  await addAgendaItem(bea.page, 'Check-in', 5)
  await addAgendaItem(bea.page, 'Data dig', 30)
  await bea.page.getByRole('button', { name: 'Save agenda as template' }).click()
  const dialog = bea.page.getByRole('dialog', { name: 'Save this agenda as a template' })
  await dialog.getByLabel('Template name').fill('Data cycle')
  await dialog.getByRole('button', { name: 'Save template' }).click()
  await expect(bea.page.getByText('Saved the template “Data cycle”.')).toBeVisible()

  // Ada schedules three weekly meetings from it.
  await page.goto(`/c/${communityId}`)
  const meetings = page.getByRole('region', { name: 'Meetings' })
  await meetings.getByLabel('Title').fill('Data cycle meeting')
  await meetings.getByLabel('Date').fill(isoDate(14))
  await meetings.getByLabel('Start time').fill('15:30')
  const template = meetings.getByLabel('Agenda template')
  await expect(template.locator('option', { hasText: 'Data cycle' })).toHaveCount(1)
  await template.selectOption({ label: 'Data cycle' })
  await expect(meetings.getByText('3 items, 35 min.')).toBeVisible()
  await meetings.getByRole('checkbox', { name: 'Repeat weekly' }).check()
  await meetings.getByLabel('Number of weeks').fill('3')
  await meetings.getByRole('button', { name: 'Schedule meetings' }).click()
  await expect(meetings.getByRole('status')).toHaveText(
    'Scheduled 3 weekly meetings, starting with Data cycle meeting',
  )

  const series = meetings.getByRole('listitem').filter({ hasText: 'Data cycle meeting' })
  await expect(series).toHaveCount(3)
  // The same weekday and local time each week.
  const starts = await series
    .locator('time')
    .evaluateAll((times) => times.map((t) => new Date(t.getAttribute('datetime') ?? '')))
  expect(starts.map((d) => `${d.getDay()} ${d.getHours()}:${d.getMinutes()}`)).toEqual(
    Array(3).fill(`${starts[0]?.getDay()} 15:30`),
  )
  const days = starts.map((d) => Math.round(d.getTime() / 86_400_000))
  expect(days.map((d) => d - (days[0] ?? 0)).sort((a, b) => a - b)).toEqual([0, 7, 14])

  await meetings.getByRole('status').getByRole('link', { name: 'Data cycle meeting' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Data cycle meeting' })).toBeVisible()
  await expect.poll(() => agendaTitles(page)).toEqual(['Notes', 'Check-in', 'Data dig'])

  // A built-in template, and deleting the saved one.
  await page.goto(`/c/${communityId}`)
  await meetings.getByLabel('Title').fill('Unit planning')
  await template.selectOption({ label: 'Planning a unit' })
  await meetings.getByRole('button', { name: 'Schedule meeting' }).click()
  await meetings.getByRole('status').getByRole('link', { name: 'Unit planning' }).click()
  await expect.poll(async () => (await agendaTitles(page))[0]).toBe('Learning goals and standards')

  await page.goto(`/c/${communityId}`)
  await template.selectOption({ label: 'Data cycle' })
  await meetings.getByRole('button', { name: 'Delete the template “Data cycle”' }).click()
  await page
    .getByRole('dialog', { name: 'Delete this template?' })
    .getByRole('button', { name: 'Delete template' })
    .click()
  await expect(template.locator('option', { hasText: 'Data cycle' })).toHaveCount(0)
  await expect(template).toHaveValue('')

  await ada.context.close()
  await bea.context.close()
})

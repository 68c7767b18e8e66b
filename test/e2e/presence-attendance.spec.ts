import { expect, type Page, test } from '@playwright/test'
import { newPeople } from './support/accounts.ts'
import { addAgendaItem, itemNotes } from './support/agenda.ts'
import { hereNow, joinMeeting } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

/** What the browser does when the tab goes to the background (or comes back). */
async function setTabVisibility(page: Page, state: 'hidden' | 'visible') {
  await page.evaluate((value) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value })
    document.dispatchEvent(new Event('visibilitychange'))
  }, state)
}

test('“Here now” says where each person writes and who is idle', async ({ browser }) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea])
  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)
  await addAgendaItem(ada.page, 'Check-in', 5)

  const beaOnAda = hereNow(ada.page).getByRole('listitem').filter({ hasText: 'Bea Turner' })
  await expect(beaOnAda).toHaveText('Bea Turner')
  await itemNotes(bea.page, 'Check-in').click()
  await expect(beaOnAda).toHaveText('Bea Turnerin Check-in')

  await setTabVisibility(bea.page, 'hidden')
  await expect(beaOnAda).toHaveText('Bea Turneridle · in Check-in')
  await setTabVisibility(bea.page, 'visible')
  await expect(beaOnAda).toHaveText('Bea Turnerin Check-in')

  await ada.context.close()
  await bea.context.close()
})

test('attendance comes from who opened the meeting, and facilitators correct it', async ({ browser }) => {
  const [ada, bea, cy] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner', 'Cy Young')
  const { meetingId } = await meetingWith(ada, [bea, cy])
  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)

  const panel = ada.page.getByRole('group').filter({ hasText: 'Attendance' })
  await ada.page.getByText('Attendance').click()
  await expect(panel.getByText('(2 of 3 present)')).toBeVisible()
  await expect(panel.getByRole('combobox', { name: 'Attendance of Bea Turner' })).toHaveValue('true')
  await expect(panel.getByRole('combobox', { name: 'Attendance of Cy Young' })).toHaveValue('null')

  // Cy was in the room without a laptop.
  await panel.getByRole('combobox', { name: 'Attendance of Cy Young' }).selectOption('Present')
  await expect(panel.getByText('(3 of 3 present)')).toBeVisible()
  await expect(panel.getByRole('listitem').filter({ hasText: 'Cy Young' })).toContainText(
    'marked by a facilitator',
  )

  // Members read it; only facilitators change it.
  await bea.page.getByText('Attendance').click()
  const beaPanel = bea.page.getByRole('group').filter({ hasText: 'Attendance' })
  await expect(beaPanel.getByRole('listitem').filter({ hasText: 'Cy Young' })).toContainText('Present')
  await expect(beaPanel.getByRole('combobox')).toHaveCount(0)

  await ada.context.close()
  await bea.context.close()
  await cy.context.close()
})

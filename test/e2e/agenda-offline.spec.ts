import { expect, test } from '@playwright/test'
import { newPeople } from './support/accounts.ts'
import { actionRow, addActionItem } from './support/actions.ts'
import {
  addAgendaItem,
  agendaPanel,
  agendaRow,
  agendaTitles,
  agendaTotal,
  itemNotes,
  typeInItem,
} from './support/agenda.ts'
import { CollabLink } from './support/network.ts'
import { badge, joinMeeting } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

test('offline agenda, notes and action item edits are kept through a reload and merge on return', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea])
  const adaLink = await CollabLink.install(ada.page)
  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)
  await addAgendaItem(ada.page, 'Check-in', 5)
  await addAgendaItem(ada.page, 'Data dig', 20)
  await expect.poll(() => agendaTitles(bea.page)).toEqual(['Notes', 'Check-in', 'Data dig'])

  await adaLink.drop()
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'offline')

  // Ada, offline: notes, an agenda edit and an action item. The badge counts what waits.
  await typeInItem(ada.page, 'Check-in', 'Everyone shared a win')
  const minutes = agendaRow(ada.page, 'Data dig').getByRole('spinbutton', { name: 'Minutes for Data dig' })
  await minutes.fill('30')
  await agendaPanel(ada.page).getByRole('textbox', { name: 'Item 2 title' }).fill('Check-in and wins')
  await addActionItem(ada.page, 'Send the data to the coach', {})
  await expect(badge(ada.page)).toHaveText(/^Offline — \d+ unsynced changes? kept on this device$/)

  // Bea, online, edits the agenda meanwhile.
  await addAgendaItem(bea.page, 'Next steps', 10)
  await expect(badge(bea.page)).toHaveAttribute('data-state', 'saved')
  expect(await agendaTitles(bea.page)).toEqual(['Notes', 'Check-in', 'Data dig', 'Next steps'])

  // A reload while still offline keeps everything Ada did.
  await ada.page.reload()
  await expect(itemNotes(ada.page, 'Check-in and wins')).toContainText('Everyone shared a win')
  await expect(agendaRow(ada.page, 'Data dig').getByRole('spinbutton')).toHaveValue('30')
  await expect(actionRow(ada.page, 'Send the data to the coach')).toBeVisible()
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'offline')

  adaLink.restore()
  await expect(badge(ada.page)).toHaveAttribute('data-state', /^(live|saved)$/)
  const merged = ['Notes', 'Check-in and wins', 'Data dig', 'Next steps']
  for (const page of [ada.page, bea.page]) {
    await expect.poll(() => agendaTitles(page)).toEqual(merged)
    await expect(itemNotes(page, 'Check-in and wins')).toContainText('Everyone shared a win')
    await expect(agendaTotal(page)).toHaveText('45 of 60 min planned · 15 min free')
    await expect(actionRow(page, 'Send the data to the coach')).toBeVisible()
  }

  await ada.context.close()
  await bea.context.close()
})

import { expect, test } from '@playwright/test'
import { newPeople } from './support/accounts.ts'
import {
  addAgendaItem,
  agendaPanel,
  agendaRow,
  agendaTitles,
  agendaTotal,
  itemNotes,
  notesHeadings,
  typeInItem,
} from './support/agenda.ts'
import { joinMeeting } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

test('two people build an agenda together: items, owners, the running total and the current item', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea])
  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)

  // The server started the agenda with one "Notes" item; the meeting lasts 60 minutes.
  await expect(agendaTotal(ada.page)).toHaveText('0 of 60 min planned · 60 min free')
  await addAgendaItem(ada.page, 'Check-in', 5)
  await expect(agendaRow(bea.page, 'Check-in')).toBeVisible()
  await addAgendaItem(bea.page, 'Data dig', 40)
  await expect.poll(() => agendaTitles(ada.page)).toEqual(['Notes', 'Check-in', 'Data dig'])
  await expect(agendaTotal(ada.page)).toHaveText('45 of 60 min planned · 15 min free')
  await expect(agendaTotal(ada.page)).toHaveAttribute('data-budget', 'fits')

  // Nearly full: amber, and said in words.
  await addAgendaItem(ada.page, 'Next steps', 10)
  for (const page of [ada.page, bea.page]) {
    await expect(agendaTotal(page)).toHaveText('55 of 60 min planned · nearly full, 5 min free')
    await expect(agendaTotal(page)).toHaveAttribute('data-budget', 'near')
  }
  // Over: red, with how much.
  await agendaRow(bea.page, 'Data dig').getByRole('spinbutton', { name: 'Minutes for Data dig' }).fill('50')
  for (const page of [ada.page, bea.page]) {
    await expect(agendaTotal(page)).toHaveText('65 of 60 min planned · 5 min over')
    await expect(agendaTotal(page)).toHaveAttribute('data-budget', 'over')
  }

  // Renamed inline and given an owner on one screen, seen on the other.
  await agendaPanel(bea.page).getByRole('textbox', { name: 'Item 1 title' }).fill('Welcome and norms')
  await expect(agendaRow(ada.page, 'Welcome and norms')).toBeVisible()
  await expect(itemNotes(ada.page, 'Welcome and norms')).toBeVisible()
  await agendaRow(ada.page, 'Check-in')
    .getByRole('combobox', { name: 'Owner of Check-in' })
    .selectOption({ label: 'Bea Turner' })
  await expect(
    agendaRow(bea.page, 'Check-in').getByRole('combobox', { name: 'Owner of Check-in' }),
  ).toHaveValue(/.+/)
  await expect(bea.page.getByRole('region', { name: 'Check-in' })).toContainText('Bea Turner')

  // The current item is the first one not done, the same on every screen.
  const current = (page: typeof ada.page) => agendaPanel(page).locator('[aria-current="step"]')
  await expect(current(bea.page)).toContainText('Now')
  await expect(current(bea.page).getByRole('textbox')).toHaveValue('Welcome and norms')
  await agendaRow(ada.page, 'Welcome and norms')
    .getByRole('checkbox', { name: 'Welcome and norms done' })
    .check()
  await expect(current(bea.page).getByRole('textbox')).toHaveValue('Check-in')
  await expect(current(ada.page).getByRole('textbox')).toHaveValue('Check-in')

  // Removing asks first, since the item's notes go with it.
  await typeInItem(bea.page, 'Next steps', 'Draft the parent letter')
  await agendaRow(ada.page, 'Next steps').getByRole('button', { name: 'Remove Next steps' }).click()
  const confirm = ada.page.getByRole('dialog', { name: 'Remove Next steps?' })
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await confirm.getByRole('button', { name: 'Remove item' }).click()
  await expect.poll(() => agendaTitles(bea.page)).toEqual(['Welcome and norms', 'Check-in', 'Data dig'])
  await expect(itemNotes(bea.page, 'Next steps')).toHaveCount(0)
  await expect(agendaTotal(bea.page)).toHaveText('55 of 60 min planned · nearly full, 5 min free')

  await ada.context.close()
  await bea.context.close()
})

test('an item dragged to a new place keeps the notes someone is typing in it, on both screens', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea])
  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)
  await addAgendaItem(ada.page, 'Check-in', 5)
  await addAgendaItem(ada.page, 'Data dig', 30)
  await addAgendaItem(ada.page, 'Next steps', 10)
  await expect.poll(() => agendaTitles(bea.page)).toEqual(['Notes', 'Check-in', 'Data dig', 'Next steps'])

  // Bea is writing under "Data dig" while Ada drags it to the top.
  await typeInItem(bea.page, 'Data dig', 'Fluency scores rose')
  const notesRow = agendaRow(ada.page, 'Notes')
  await agendaRow(ada.page, 'Data dig')
    .getByRole('button', { name: 'Reorder Data dig' })
    .dragTo(notesRow, { targetPosition: { x: 40, y: 4 } })
  const moved = ['Data dig', 'Notes', 'Check-in', 'Next steps']
  await expect.poll(() => agendaTitles(ada.page)).toEqual(moved)
  await expect.poll(() => agendaTitles(bea.page)).toEqual(moved)

  // Bea's caret stayed where it was: she keeps typing in the moved item.
  await expect(itemNotes(bea.page, 'Data dig')).toBeFocused()
  await bea.page.keyboard.type(' in every class')
  for (const page of [ada.page, bea.page]) {
    await expect(itemNotes(page, 'Data dig')).toContainText('Fluency scores rose in every class')
    await expect.poll(() => notesHeadings(page)).toEqual(moved)
  }

  await ada.context.close()
  await bea.context.close()
})

test('the agenda is reordered from the keyboard, and each move is announced', async ({ browser }) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea])
  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)
  await addAgendaItem(ada.page, 'Check-in', 5)
  await addAgendaItem(ada.page, 'Next steps', 10)

  const handle = agendaRow(ada.page, 'Next steps').getByRole('button', { name: 'Reorder Next steps' })
  await handle.focus()
  await ada.page.keyboard.press('Alt+ArrowUp')
  await expect(agendaPanel(ada.page).getByText('Moved Next steps to position 2 of 3.')).toBeAttached()
  await expect(handle).toBeFocused()
  await ada.page.keyboard.press('Alt+ArrowUp')
  await expect.poll(() => agendaTitles(bea.page)).toEqual(['Next steps', 'Notes', 'Check-in'])
  await expect(handle).toBeFocused()

  // From the title field too, and with the Move buttons.
  await agendaPanel(ada.page).getByRole('textbox', { name: 'Item 3 title' }).focus()
  await ada.page.keyboard.press('Alt+ArrowUp')
  await expect.poll(() => agendaTitles(ada.page)).toEqual(['Next steps', 'Check-in', 'Notes'])
  await agendaRow(ada.page, 'Next steps').getByRole('button', { name: 'Move Next steps down' }).click()
  await expect.poll(() => agendaTitles(bea.page)).toEqual(['Check-in', 'Next steps', 'Notes'])
  await expect(agendaPanel(bea.page).getByText('Moved')).toHaveCount(0)

  await ada.context.close()
  await bea.context.close()
})

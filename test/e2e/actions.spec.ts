import { expect, type Page, test } from '@playwright/test'
import { newPeople } from './support/accounts.ts'
import { actionRow, actionsPanel, addActionItem, isoDate } from './support/actions.ts'
import { itemNotes, typeInItem } from './support/agenda.ts'
import { joinMeeting } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

/** The community page, reloaded until the server's action index has caught up with the edits. */
async function openActionsOnCommunityPage(page: Page, communityId: string, text: string) {
  const section = page.getByRole('region', { name: /^Open action items/ })
  await expect(async () => {
    await page.goto(`/c/${communityId}`)
    await expect(section.getByText(text)).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 30_000 })
  return section.getByRole('listitem').filter({ hasText: text })
}

test('an action item assigned with a due date is carried into next week’s meeting, scheduled from the community page', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { communityId, meetingId } = await meetingWith(ada, [bea], 'Weekly PLC')
  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)

  const due = isoDate(5)
  await addActionItem(ada.page, 'Share the exit tickets', { owner: 'Bea Turner', due })
  const onBea = actionRow(bea.page, 'Share the exit tickets')
  await expect(onBea).toContainText('Bea Turner')
  await expect(onBea.locator(`time[datetime="${due}"]`)).toBeVisible()
  await expect(actionsPanel(bea.page).getByRole('heading')).toHaveText('Action items (1 open)')

  // Bea turns words from the notes into an action item.
  await typeInItem(bea.page, 'Notes', 'Ask the librarian for levelled texts')
  await itemNotes(bea.page, 'Notes').getByText('Ask the librarian for levelled texts').selectText()
  await bea.page
    .getByRole('toolbar', { name: 'Formatting for Notes' })
    .getByRole('button', { name: 'Add as action item' })
    .click()
  const form = actionsPanel(bea.page).getByRole('form', { name: 'Add action item' })
  await expect(form.getByLabel('What needs doing')).toHaveValue('Ask the librarian for levelled texts')
  await expect(form.getByLabel('What needs doing')).toBeFocused()
  await form.getByLabel('Owner').selectOption({ label: 'Ada Lovelace' })
  await form.getByRole('button', { name: 'Add action item' }).click()
  await expect(actionRow(ada.page, 'Ask the librarian for levelled texts')).toContainText('Ada Lovelace')

  // Edited, and one finished: done items stay behind.
  await addActionItem(ada.page, 'Book the library', {})
  await actionRow(ada.page, 'Book the library').getByRole('button', { name: 'Edit Book the library' }).click()
  const edit = actionsPanel(ada.page).getByRole('form', { name: 'Save action item' })
  await edit.getByLabel('What needs doing').fill('Book the library for Friday')
  await edit.getByRole('button', { name: 'Save action item' }).click()
  await actionRow(bea.page, 'Book the library for Friday').getByRole('checkbox').check()
  await expect(actionRow(ada.page, 'Book the library for Friday').getByRole('checkbox')).toBeChecked()
  await expect(actionsPanel(ada.page).getByRole('heading')).toHaveText('Action items (2 open)')

  // The community page lists what is open, with owner, due date and the meeting.
  const listed = await openActionsOnCommunityPage(ada.page, communityId, 'Share the exit tickets')
  await expect(listed).toContainText('Bea Turner')
  await expect(listed.locator(`time[datetime="${due}"]`)).toBeVisible()
  await expect(listed.getByRole('link', { name: /^Weekly PLC/ })).toHaveAttribute('href', `/m/${meetingId}`)

  // Ada schedules next week's meeting through the form.
  await ada.page.getByLabel('Title').fill('Weekly PLC, week 2')
  await ada.page.getByLabel('Date').fill(isoDate(7))
  await ada.page.getByRole('button', { name: 'Schedule meeting' }).click()
  await ada.page.getByRole('status').getByRole('link', { name: 'Weekly PLC, week 2' }).click()
  await expect(ada.page.getByRole('heading', { level: 1, name: 'Weekly PLC, week 2' })).toBeVisible()

  const carried = actionRow(ada.page, 'Share the exit tickets')
  await expect(carried).toContainText('Bea Turner')
  await expect(carried.locator(`time[datetime="${due}"]`)).toBeVisible()
  const from = carried.getByRole('link', { name: /^Weekly PLC,/ })
  await expect(from).toHaveAttribute('href', `/m/${meetingId}`)
  await expect(actionRow(ada.page, 'Ask the librarian for levelled texts')).toBeVisible()
  await expect(actionRow(ada.page, 'Book the library for Friday')).toHaveCount(0)
  await expect(actionsPanel(ada.page).getByRole('heading')).toHaveText('Action items (2 open)')

  // The link leads back to where it was agreed.
  await from.click()
  await expect(ada.page.getByRole('heading', { level: 1, name: 'Weekly PLC' })).toBeVisible()

  await ada.context.close()
  await bea.context.close()
})

test('removing an action item asks first, and observers see action items without controls', async ({
  browser,
}) => {
  const [ada, obi] = await newPeople(browser, 'Ada Lovelace', 'Obi Principal')
  const { meetingId } = await meetingWith(ada, [{ person: obi, role: 'observer' }])
  await joinMeeting(ada, meetingId)
  await joinMeeting(obi, meetingId)
  await addActionItem(ada.page, 'Order the new readers', { owner: 'Obi Principal' })
  await addActionItem(ada.page, 'Email the parents', {})

  const row = actionRow(obi.page, 'Order the new readers')
  await expect(row).toContainText('Obi Principal')
  await expect(row.getByRole('checkbox')).toBeDisabled()
  await expect(actionsPanel(obi.page).getByRole('button')).toHaveCount(0)

  await actionRow(ada.page, 'Email the parents')
    .getByRole('button', { name: 'Remove Email the parents' })
    .click()
  const confirm = ada.page.getByRole('dialog', { name: 'Remove this action item?' })
  await confirm.getByRole('button', { name: 'Remove' }).click()
  await expect(actionRow(obi.page, 'Email the parents')).toHaveCount(0)
  await expect(actionRow(obi.page, 'Order the new readers')).toBeVisible()

  await ada.context.close()
  await obi.context.close()
})

import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { newPeople } from './support/accounts.ts'
import { addActionItem } from './support/actions.ts'
import { addAgendaItem, agendaRow, itemNotes } from './support/agenda.ts'
import { seriousViolations } from './support/axe.ts'
import { badge, joinMeeting } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

test('notes formatted with the toolbar and shortcuts show up in the printable summary, which downloads as Markdown', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea], 'Weekly PLC')
  await joinMeeting(ada, meetingId)
  await addAgendaItem(ada.page, 'Check-in', 5)
  await agendaRow(ada.page, 'Check-in').getByRole('combobox', { name: 'Owner of Check-in' }).selectOption({
    label: 'Bea Turner',
  })
  await agendaRow(ada.page, 'Check-in').getByRole('checkbox', { name: 'Check-in done' }).check()

  const { page } = ada
  const toolbar = page.getByRole('toolbar', { name: 'Formatting for Notes' })
  const editor = itemNotes(page, 'Notes')
  await editor.click()
  await expect(editor).toBeFocused()
  await toolbar.getByRole('button', { name: 'Heading', exact: true }).click()
  await expect(toolbar.getByRole('button', { name: 'Heading', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await page.keyboard.type('Warm feedback')
  await page.keyboard.press('Enter')
  await toolbar.getByRole('button', { name: 'Bulleted list' }).click()
  await page.keyboard.type('Clear goals')
  await page.keyboard.press('Enter')
  await page.keyboard.type('Student voice')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Enter')
  await toolbar.getByRole('button', { name: 'Task list' }).click()
  await page.keyboard.type('Print the rubric')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Enter')
  await page.keyboard.press('ControlOrMeta+b')
  await page.keyboard.type('Strong evidence')
  await page.keyboard.press('ControlOrMeta+b')
  await page.keyboard.type(' in the ')
  await page.keyboard.type('rubric')
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowLeft')
  // The toolbar offers the selection as an action item once the editor has taken it in.
  await expect(toolbar.getByRole('button', { name: 'Add as action item' })).not.toHaveAttribute(
    'aria-disabled',
    'true',
  )
  await page.keyboard.press('ControlOrMeta+k')
  const linkDialog = page.getByRole('dialog', { name: 'Add a link' })
  await linkDialog.getByLabel('Link address').fill('example.org/rubric')
  await linkDialog.getByRole('button', { name: 'Apply link' }).click()
  await expect(editor.getByRole('link', { name: 'rubric' })).toHaveAttribute(
    'href',
    'https://example.org/rubric',
  )
  await expect(editor).toBeFocused()
  // The caret goes past the link (nothing selected any more) before a new line starts.
  await page.keyboard.press('End')
  await expect(toolbar.getByRole('button', { name: 'Add as action item' })).toHaveAttribute(
    'aria-disabled',
    'true',
  )
  await page.keyboard.press('Enter')
  await toolbar.getByRole('button', { name: 'Insert table' }).click()
  await page.keyboard.type('Strength')
  await page.keyboard.press('Tab')
  await page.keyboard.type('Next step')
  await expect(editor.getByRole('table')).toBeVisible()
  await expect(editor.locator('h3')).toHaveText('Warm feedback')
  await expect(editor.locator('strong')).toHaveText('Strong evidence')
  await addActionItem(page, 'Share the exit tickets', { owner: 'Bea Turner', due: '2031-05-06' })
  await expect(badge(page)).toHaveAttribute('data-state', 'saved')

  await page.getByRole('link', { name: 'Summary and export' }).click()
  await expect(page).toHaveURL(`/m/${meetingId}/summary`)
  await expect(page).toHaveTitle('Summary: Weekly PLC · Confer')
  const doc = page.getByRole('article', { name: 'Summary of Weekly PLC' })
  await expect(doc.getByRole('heading', { level: 1 })).toHaveText('Weekly PLC')
  await expect(doc.getByRole('heading', { level: 2 })).toHaveText([
    'Attendance',
    'Agenda',
    'Decisions',
    'Notes',
    'Action items',
    'Protocol rounds',
    'Norms check',
  ])
  // Ada opened the meeting; Bea had not yet.
  await expect(doc.getByRole('listitem').filter({ hasText: 'Present (1): Ada Lovelace' })).toBeVisible()
  await expect(doc.getByRole('listitem').filter({ hasText: 'Not present (1): Bea Turner' })).toBeVisible()
  const agenda = doc.getByRole('list').nth(1).getByRole('listitem')
  await expect(agenda).toHaveCount(2)
  await expect(agenda.first()).toContainText('Open: Notes')
  await expect(agenda.last()).toContainText('Done: Check-in (5 min) — Bea Turner')
  await expect(doc.getByRole('heading', { name: 'Warm feedback' })).toBeVisible()
  await expect(doc.getByRole('listitem').filter({ hasText: 'Clear goals' })).toBeVisible()
  await expect(doc.getByRole('listitem').filter({ hasText: 'Print the rubric' })).toContainText('Open:')
  await expect(doc.locator('strong')).toHaveText('Strong evidence')
  await expect(doc.getByRole('link', { name: 'rubric' })).toHaveAttribute(
    'href',
    'https://example.org/rubric',
  )
  await expect(doc.getByRole('columnheader', { name: 'Strength' })).toBeVisible()
  await expect(doc.getByRole('listitem').filter({ hasText: 'Share the exit tickets' })).toContainText(
    'Bea Turner, due 2031-05-06',
  )
  expect(await seriousViolations(page)).toEqual([])

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download .md' }).click(),
  ])
  expect(download.suggestedFilename()).toBe('Weekly PLC.md')
  const markdown = await readFile(await download.path(), 'utf8')
  expect(markdown).toContain('# Weekly PLC')
  expect(markdown).toContain('- [ ] Share the exit tickets — Bea Turner, due 2031-05-06')

  // Printed, only the document shows.
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible()
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden()
  await expect(page.getByRole('banner')).toBeHidden()
  await expect(doc).toBeVisible()

  // Members of the team read the same summary; the meeting's link goes back.
  await bea.page.goto(`/m/${meetingId}/summary`)
  await expect(bea.page.getByRole('article')).toContainText('Warm feedback')
  await bea.page.getByRole('link', { name: 'Back to the meeting' }).click()
  await expect(bea.page.getByRole('heading', { level: 1, name: 'Weekly PLC' })).toBeVisible()

  await ada.context.close()
  await bea.context.close()
})

test('a summary of a meeting you may not see looks like any unknown page', async ({ browser }) => {
  const [ada, eve] = await newPeople(browser, 'Ada Lovelace', 'Eve Outsider')
  const { meetingId } = await meetingWith(ada)
  await eve.page.goto(`/m/${meetingId}/summary`)
  await expect(eve.page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  await ada.context.close()
  await eve.context.close()
})

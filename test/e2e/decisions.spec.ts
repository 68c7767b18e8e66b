import { expect, type Locator, type Page, test } from '@playwright/test'
import { call, newPeople, newVisitor, PASSWORD, uniqueEmail } from './support/accounts.ts'
import { addAgendaItem, itemNotes } from './support/agenda.ts'
import { seriousViolations } from './support/axe.ts'
import { badge, joinMeeting } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

const decisionsPanel = (page: Page): Locator => page.getByRole('region', { name: /^Decisions/ })
const decisionRows = (page: Page): Locator => decisionsPanel(page).getByRole('listitem')

test('[E2][E3] a line marked as a decision in the notes reaches everyone live, and the summary', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea], 'Science PLC')
  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)
  await addAgendaItem(ada.page, 'Lab safety', 10)
  await expect(decisionsPanel(bea.page)).toContainText('No decisions yet.')

  // Ada writes a line under "Lab safety" and marks it with the toolbar button, caret in the line.
  const { page } = ada
  const editor = itemNotes(page, 'Lab safety')
  await editor.click()
  await expect(editor).toBeFocused()
  await page.keyboard.type('Goggles on for every lab, no exceptions')
  await expect(editor).toContainText('Goggles on for every lab, no exceptions')
  const toolbar = page.getByRole('toolbar', { name: 'Formatting for Lab safety' })
  const mark = toolbar.getByRole('button', { name: 'Mark as decision' })
  await expect(mark).not.toHaveAttribute('aria-disabled', 'true')
  await mark.click()
  await expect(page.getByRole('status').filter({ hasText: 'Marked as decision' })).toHaveText(
    'Marked as decision: Goggles on for every lab, no exceptions',
  )

  // Bea sees it at once, with its agenda item.
  await expect(decisionRows(bea.page)).toHaveCount(1)
  await expect(decisionRows(bea.page).first()).toContainText('Goggles on for every lab, no exceptions')
  await expect(decisionRows(bea.page).first()).toContainText('2. Lab safety')

  // The keyboard shortcut marks just the selected words of the next line.
  await page.keyboard.press('Enter')
  await page.keyboard.type('Maybe: order new aprons')
  // A remote change (Bea's caret, the decision list) may land between key presses and move the
  // selection: select again until it holds exactly the words.
  await expect(async () => {
    await page.keyboard.press('End')
    for (let i = 0; i < 'order new aprons'.length; i++) await page.keyboard.press('Shift+ArrowLeft')
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('order new aprons')
  }).toPass()
  await page.keyboard.press('ControlOrMeta+Shift+D')
  await expect(decisionRows(bea.page)).toHaveCount(2)
  await expect(decisionRows(bea.page).nth(1)).toContainText('order new aprons')
  await expect(decisionRows(bea.page).nth(1)).not.toContainText('Maybe')

  // Bea adds one for the whole meeting and rewords Ada's; Ada sees both changes.
  const panel = decisionsPanel(bea.page)
  await panel.getByRole('button', { name: 'Add decision' }).click()
  const form = panel.getByRole('form', { name: 'Add decision' })
  await form.getByRole('button', { name: 'Add decision' }).click()
  await expect(form.getByText('Write what was decided.')).toBeVisible()
  await form.getByLabel('Decision').fill('Meet in the lab next week')
  await expect(form.getByLabel('Agenda item')).toHaveValue('')
  await form.getByRole('button', { name: 'Add decision' }).click()
  await expect(decisionRows(page).filter({ hasText: 'Meet in the lab next week' })).toContainText(
    'Whole meeting',
  )
  await panel.getByRole('button', { name: 'Edit decision: order new aprons' }).click()
  const edit = panel.getByRole('form', { name: 'Save decision' })
  await edit.getByLabel('Decision').fill('Order ten new aprons')
  await edit.getByRole('button', { name: 'Save decision' }).click()
  await expect(decisionRows(page).nth(1)).toContainText('Order ten new aprons')
  await expect(badge(bea.page)).toHaveAttribute('data-state', 'saved')
  expect(await seriousViolations(bea.page)).toEqual([])

  // The summary lists them by item, for everyone in the meeting.
  await bea.page.goto(`/m/${meetingId}/summary`)
  const doc = bea.page.getByRole('article', { name: 'Summary of Science PLC' })
  await expect(doc.getByRole('heading', { level: 2, name: 'Decisions' })).toBeVisible()
  await expect(doc.getByRole('heading', { level: 3, name: '2. Lab safety' }).first()).toBeVisible()
  await expect(
    doc.getByRole('listitem').filter({ hasText: 'Goggles on for every lab, no exceptions' }),
  ).toBeVisible()
  await expect(doc.getByRole('listitem').filter({ hasText: 'Order ten new aprons' })).toBeVisible()
  await expect(doc.getByRole('heading', { level: 3, name: 'The whole meeting' })).toBeVisible()
  expect(await seriousViolations(bea.page)).toEqual([])

  // Removing asks first, then goes for everyone.
  await page.getByRole('button', { name: 'Remove decision: Meet in the lab next week' }).click()
  await page
    .getByRole('dialog', { name: 'Remove this decision?' })
    .getByRole('button', { name: 'Remove' })
    .click()
  await expect(decisionRows(page)).toHaveCount(2)

  await ada.context.close()
  await bea.context.close()
})

test('[E2] observers read the decisions without any way to change them', async ({ browser }) => {
  const [ada, olu] = await newPeople(browser, 'Ada Lovelace', 'Olu Observer')
  const { meetingId } = await meetingWith(ada, [{ person: olu, role: 'observer' }])
  await joinMeeting(ada, meetingId)
  const panel = decisionsPanel(ada.page)
  await panel.getByRole('button', { name: 'Add decision' }).click()
  await panel.getByRole('form', { name: 'Add decision' }).getByLabel('Decision').fill('Share the data wall')
  await panel.getByRole('button', { name: 'Add decision' }).click()
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'saved')

  await joinMeeting(olu, meetingId)
  await expect(decisionRows(olu.page)).toHaveText([/Share the data wall.*Whole meeting/])
  await expect(decisionsPanel(olu.page).getByRole('button')).toHaveCount(0)
  await expect(olu.page.getByRole('button', { name: 'Mark as decision' })).toHaveCount(0)
  expect(await seriousViolations(olu.page)).toEqual([])

  await ada.context.close()
  await olu.context.close()
})

test('[E4] the summary page shows times in the viewer’s time zone', async ({ browser }) => {
  // Far from UTC, so a time shown unconverted would not match.
  const { context, page } = await newVisitor(browser, { timezoneId: 'Pacific/Auckland' })
  const email = uniqueEmail('Ada Lovelace')
  await call(context.request, 'POST', '/api/auth/signup', { email, name: 'Ada Lovelace', password: PASSWORD })
  const ada = { name: 'Ada Lovelace', email, context, page, api: context.request }
  const { meetingId } = await meetingWith(ada)
  const { meeting } = await call<{ meeting: { startsAt: string } }>(
    ada.api,
    'GET',
    `/api/meetings/${meetingId}`,
  )
  const iso = meeting.startsAt
  await ada.page.goto(`/m/${meetingId}/summary`)
  const time = ada.page.getByRole('article').locator('time').first()
  const local = await ada.page.evaluate(
    (at) =>
      new Intl.DateTimeFormat(undefined, {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
      }).format(new Date(at)),
    iso,
  )
  await expect(time).toHaveText(local)
  await expect(time).toHaveAttribute('title', `${iso.slice(0, 16).replace('T', ' ')} UTC`)
  await context.close()
})

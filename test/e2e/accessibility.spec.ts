import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import { newPeople, newPerson, newVisitor } from './support/accounts.ts'
import { actionsPanel, addActionItem } from './support/actions.ts'
import { addAgendaItem, agendaRow, agendaTotal, typeInItem } from './support/agenda.ts'
import { joinMeeting, typeLine } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }))
}

test('the sign-up page, with its inline errors showing, has no serious accessibility problems', async ({
  page,
}) => {
  await page.goto('/signup')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByText('Enter your name.')).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
})

test('the start page, signed out and signed in, has no serious accessibility problems', async ({
  browser,
}) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  await meetingWith(ada)
  const visitor = await newVisitor(browser)
  await visitor.page.goto('/')
  await expect(visitor.page.getByRole('main').getByRole('link', { name: 'Sign up' })).toBeVisible()
  expect(await seriousViolations(visitor.page)).toEqual([])

  await ada.page.goto('/')
  await expect(ada.page.getByRole('region', { name: 'Upcoming meetings' }).getByRole('link')).toHaveCount(1)
  await expect(ada.page.getByRole('banner')).toBeVisible()
  await expect(ada.page.getByRole('main')).toBeVisible()
  expect(await seriousViolations(ada.page)).toEqual([])
  await visitor.context.close()
  await ada.context.close()
})

test('the community page with the invite dialog open has no serious accessibility problems', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { communityId } = await meetingWith(ada, [bea])
  await ada.page.goto(`/c/${communityId}`)
  await expect(ada.page.getByRole('region', { name: 'Meetings' }).getByRole('link')).toHaveCount(1)
  expect(await seriousViolations(ada.page)).toEqual([])

  await ada.page.getByRole('button', { name: 'Invite people' }).click()
  const dialog = ada.page.getByRole('dialog')
  await dialog.getByRole('button', { name: 'Create invitation link' }).click()
  await expect(dialog.getByLabel('Invitation link', { exact: true })).toHaveValue(/\/invite\//)
  // Bea's link from the set-up is listed too: a link serves until it expires or is revoked.
  const activeLinks = dialog.getByRole('region', { name: 'Active invitation links' }).getByRole('listitem')
  await expect(activeLinks).toHaveCount(2)
  expect(await seriousViolations(ada.page)).toEqual([])
  await ada.context.close()
  await bea.context.close()
})

test('the meeting page, with a colleague’s caret showing, has no serious accessibility problems', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea])
  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)
  await typeLine(bea.page, 'Warm feedback: clear success criteria')
  await expect(ada.page.getByText('Warm feedback: clear success criteria')).toBeVisible()

  await expect(ada.page.getByRole('banner')).toBeVisible()
  await expect(ada.page.getByRole('main')).toBeVisible()
  expect(await seriousViolations(ada.page)).toEqual([])
  expect(await seriousViolations(bea.page)).toEqual([])

  await ada.context.close()
  await bea.context.close()
})

test('the meeting page with an agenda over time, action items and attendance, and its summary, have no serious accessibility problems', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId, communityId } = await meetingWith(ada, [bea])
  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)
  await addAgendaItem(ada.page, 'Check-in', 5)
  await addAgendaItem(ada.page, 'Data dig', 70)
  await expect(agendaTotal(ada.page)).toHaveAttribute('data-budget', 'over')
  await agendaRow(ada.page, 'Notes').getByRole('checkbox', { name: 'Notes done' }).check()
  await typeInItem(bea.page, 'Check-in', 'Everyone shared a win')
  await addActionItem(ada.page, 'Share the exit tickets', { owner: 'Bea Turner', due: '2031-05-06' })
  await actionsPanel(ada.page).getByRole('button', { name: 'Add action item' }).click()
  await ada.page.getByText('Attendance').click()
  await expect(ada.page.getByRole('combobox', { name: 'Attendance of Bea Turner' })).toBeVisible()
  expect(await seriousViolations(ada.page)).toEqual([])
  expect(await seriousViolations(bea.page)).toEqual([])

  await ada.page.goto(`/m/${meetingId}/summary`)
  await expect(ada.page.getByRole('article')).toContainText('Share the exit tickets')
  expect(await seriousViolations(ada.page)).toEqual([])

  await ada.page.goto(`/c/${communityId}`)
  await ada.page.getByRole('checkbox', { name: 'Repeat weekly' }).check()
  await expect(ada.page.getByLabel('Agenda template').locator('option')).not.toHaveCount(1)
  await expect(ada.page.getByRole('region', { name: /^Open action items/ })).toBeVisible()
  expect(await seriousViolations(ada.page)).toEqual([])

  await ada.context.close()
  await bea.context.close()
})

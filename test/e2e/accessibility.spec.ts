import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import { freshMeetingId, joinMeeting, newPerson, typeLine } from './support/people.ts'

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

test('the notes page, with a colleague’s caret showing, has no serious accessibility problems', async ({
  browser,
}) => {
  const meetingId = freshMeetingId()
  const ada = await newPerson(browser, 'Ada Lovelace')
  const bea = await newPerson(browser, 'Bea Turner')
  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)
  await typeLine(bea.page, 'Warm feedback: clear success criteria')
  await expect(ada.page.getByText('Warm feedback: clear success criteria')).toBeVisible()

  await expect(ada.page.getByRole('banner')).toBeVisible()
  await expect(ada.page.getByRole('main')).toBeVisible()
  expect(await seriousViolations(ada.page)).toEqual([])

  await ada.context.close()
  await bea.context.close()
})

test('the start page has no serious accessibility problems', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
})
